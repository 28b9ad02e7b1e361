// The closed lists of the ledger that forms offer as choices, without the schemas around them:
// this module has no dependencies, so the web app imports it at run time.
export { holdReasons, type HoldReason } from '../core/ledger/hold-reasons.ts';
export { outboxStatuses, type OutboxStatus } from '../core/outbox-statuses.ts';
export { accessLevels, answerChannels, approvalModes, feeCycles, requestedBy, requestKinds, severities, timeKinds, verdicts } from '../core/ledger/vocabulary.ts';
export { contractDefaults } from '../core/ledger/contract-defaults.ts';
export { clientSlug } from '../core/ledger/client-slug.ts';
