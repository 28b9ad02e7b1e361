import { clientSlug } from '../../../../src/contract/vocabulary.ts';

/**
 * A readable id for a new client from its name ("Bageriet Sønderborg ApS" →
 * "bageriet-soenderborg-aps", the command line's rule), unique among `taken` (a number is
 * added when it is not).
 */
export function clientIdFrom(name: string, taken: ReadonlySet<string>): string {
  const base = clientSlug(name);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
