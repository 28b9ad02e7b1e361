import type { ContractView } from '../ledger/read-model.ts';
import type { Archetype, Decision } from './decide.ts';
import type { Action } from './plan.ts';
import type { AsOf } from './replay.ts';

export const stages = ['active', 'watch', 'escalated', 'paused', 'offboarding', 'former'] as const;
export type Stage = (typeof stages)[number];

const escalations = new Set<Action['kind']>(['work.pause', 'client.walk-away']);

/** Where the client stands, derived from the facts, never set by hand. */
export function deriveStage(input: {
  readonly when: AsOf;
  readonly offboarded: boolean;
  /** Offboarding has begun (`offboarding.started`) and is not complete. */
  readonly offboarding?: boolean;
  readonly paused: boolean;
  readonly contract: ContractView | undefined;
  readonly decisions: Readonly<Record<Archetype, Decision>>;
  readonly actions: readonly Action[];
}): Stage {
  const { contract, when } = input;
  if (input.offboarded || (contract?.endDate !== null && contract?.endDate !== undefined && contract.endDate < when.date)) return 'former';
  if (input.offboarding || (contract?.endDate !== null && contract?.endDate !== undefined)) return 'offboarding';
  if (input.paused) return 'paused';
  const flagged = Object.values(input.decisions).filter((d) => d.flagged);
  if (flagged.length >= 2 || input.actions.some((a) => escalations.has(a.kind)) || flagged.some((d) => d.score >= 80)) return 'escalated';
  if (flagged.length > 0 || input.actions.length > 0) return 'watch';
  return 'active';
}
