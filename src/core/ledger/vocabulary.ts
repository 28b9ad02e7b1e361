// The closed lists of the ledger's event types (LEDGER.md), without the schemas around them:
// no imports, so that forms can offer them as choices without loading the schemas.

export const requestKinds = ['feedback', 'approval', 'access', 'information'] as const;
// 'deemed': answered by the contract's deemed-approval clause, recorded by the sweep.
export const answerChannels = ['email', 'portal', 'phone', 'meeting', 'deemed'] as const;
export const verdicts = ['approved', 'changes'] as const;
export const accessLevels = ['full', 'partial'] as const;
export const timeKinds = ['work', 'chasing', 'approvals', 'admin'] as const;
export const severities = ['low', 'medium', 'high'] as const;
export const approvalModes = ['none', 'batch', 'per-item'] as const;
export const feeCycles = ['monthly', 'once'] as const;
/** Who asked for a revision of a deliverable. */
export const requestedBy = ['client', 'us'] as const;
