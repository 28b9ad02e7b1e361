import { z } from 'zod';
import { actionKinds } from '../core/assess/plan.ts';
import { stages } from '../core/assess/stage.ts';
import { HoldView } from './client-status.ts';
import { UnassessableView } from './dashboard.ts';
import { MoneyView } from './money.ts';

// The assessment of LEDGER.md (`firmly assess --json`, `GET …/assessment`): fields may be
// added, none removed, because outside tools read it.

const DecisionView = z.object({
  flagged: z.boolean(), score: z.number().int().min(0).max(100), evidence: z.array(z.string()),
  explanation: z.object({ en: z.string(), da: z.string() }),
}).meta({ id: 'Decision' });

export const ClientAssessmentView = z.object({
  clientId: z.string(), name: z.string(), stage: z.enum(stages),
  archetypes: z.object({ unresponsive: DecisionView, controlling: DecisionView, latePayer: DecisionView }),
  economics: z.object({ effectiveHourlyRate: MoneyView.nullable(), worthIt: z.boolean().nullable() }),
  actions: z.array(z.object({ key: z.string(), kind: z.enum(actionKinds), due: z.string(), template: z.string() })),
  hold: HoldView.nullable(),
  archived: z.boolean(),
}).meta({ id: 'ClientAssessment' });

export const AssessmentView = z.object({ at: z.string(), clients: z.array(ClientAssessmentView), unassessable: z.array(UnassessableView) }).meta({ id: 'Assessment' });

export type ClientAssessment = z.output<typeof ClientAssessmentView>;
export type Decision = z.output<typeof DecisionView>;
export type Stage = ClientAssessment['stage'];
