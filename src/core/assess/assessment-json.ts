import { formatDecimal } from '../money.ts';
import type { IsoDate } from '../dates.ts';
import type { ClientAssessment } from './assess-client.ts';
import type { Decision } from './decide.ts';
import type { UnassessableClient } from './unassessable.ts';

const decision = (d: Decision) => ({ flagged: d.flagged, score: d.score, evidence: [...d.evidence], explanation: { en: d.explanation.en, da: d.explanation.da } });

/**
 * The `assess --json` output of LEDGER.md, which outside tools rely on: for every client its
 * stage, the three decisions with their evidence, the economics and the due actions. Fields
 * beyond LEDGER.md's (explanations, name) are additions it allows. Clients that cannot be
 * assessed are listed apart, in `unassessable` (`{clientId, name, error: {code, message}}`), so
 * that a tool reading `clients` finds only the shape LEDGER.md promises.
 */
export function assessmentJson(at: IsoDate, clients: readonly ClientAssessment[], failed: readonly UnassessableClient[] = []) {
  return {
    at,
    clients: clients.map((c) => ({
      clientId: c.clientId,
      name: c.name,
      stage: c.stage,
      archetypes: {
        unresponsive: decision(c.archetypes.unresponsive),
        controlling: decision(c.archetypes.controlling),
        latePayer: decision(c.archetypes.latePayer),
      },
      economics: {
        effectiveHourlyRate: c.economics.window.hourlyRate === null ? null
          : { amount: formatDecimal(c.economics.window.hourlyRate), currency: c.economics.window.hourlyRate.currency },
        worthIt: c.economics.worthIt,
      },
      actions: c.actions.map(({ key, kind, due, template }) => ({ key, kind, due, template })),
      // Additions (#12): the hold on escalation in force that day, and whether the client is archived.
      hold: c.hold === null ? null : { until: c.hold.until, reason: c.hold.reason, note: c.hold.note },
      archived: c.archived,
    })),
    unassessable: failed.map((f) => ({ clientId: f.clientId, name: f.name, error: { code: f.error.code as string, message: f.error.message } })),
  };
}

export type AssessmentJson = ReturnType<typeof assessmentJson>;
