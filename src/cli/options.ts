import { isFirmlyError } from '../core/errors.ts';
import { UsageError } from './io.ts';
import { oneLine } from './safe-output.ts';

// Parsing of the options that record facts (client, contract, request, record): each bad
// value is one line naming the option, exit 2 (UsageError). What only the ledger's schema
// can judge comes back as `input.invalid` naming a field; `asUsage` turns the field into the
// option it came from, so that too names what the user typed.

/** A whole number from `min` to `max`, or undefined when the option was not given. */
export function intOption(text: string | undefined, option: string, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  const n = /^\d{1,6}$/.test(text) ? Number(text) : NaN;
  if (!(n >= min && n <= max)) throw new UsageError(oneLine(`${option} must be a whole number from ${min} to ${max}, not "${text}"`));
  return n;
}

/** Commander's collector for a repeatable option: undefined while not given, so "not given" differs from "given empty". */
export const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

/** `a,b` → ['a', 'b']; an empty text is the empty list. */
export const listOption = (text: string | undefined): string[] | undefined =>
  text === undefined ? undefined : text.split(',').map((s) => s.trim()).filter((s) => s !== '');

/** `Name <email>`, or a bare e-mail address (then it is the name too). The ledger checks the address. */
export function contactOption(text: string): { name: string; email: string } {
  const named = /^\s*(.*?)\s*<([^<>]*)>\s*$/.exec(text);
  if (named) {
    const [, name = '', email = ''] = named;
    if (name === '') throw new UsageError(oneLine(`--contact "${text}": give a name before the <address>`));
    return { name, email: email.trim() };
  }
  if (/^[^\s<>@]+@[^\s<>@]+$/.test(text.trim())) return { name: text.trim(), email: text.trim() };
  throw new UsageError(oneLine(`--contact must be "Name <email>" or an e-mail address, not "${text}"`));
}

/** `statutory`, `none` or a contractual rate such as `8%` or `8.05%`. */
export function lateInterestOption(text: string | undefined): 'statutory' | 'none' | { ratePct: string } | undefined {
  if (text === undefined || text === 'statutory' || text === 'none') return text;
  const rate = /^(\d{1,3}(?:\.\d{1,6})?)\s*%?$/.exec(text.trim());
  if (!rate) throw new UsageError(oneLine(`--late-interest must be statutory, none or a rate in percent a year such as 8%, not "${text}"`));
  return { ratePct: rate[1] as string };
}

/**
 * `error` as bad usage when it says the input was wrong (`input.invalid`, `money.invalid`),
 * with each field it names replaced by its option (`optionOf`); other errors as they are.
 */
export function asUsage(error: unknown, optionOf: Readonly<Record<string, string>>): unknown {
  if (!isFirmlyError(error) || (error.code !== 'input.invalid' && error.code !== 'money.invalid')) return error;
  const field = typeof error.details.field === 'string' ? error.details.field : undefined;
  if (field !== undefined) return new UsageError(oneLine(`${optionOf[field] ?? field}: ${error.message}`));
  // recordEvent's reasons: "client.added: data.contacts.0.email: not an e-mail address; data.name: …"
  const text = error.message.replace(/^[a-z]+\.[A-Za-z]+: /, '')
    .replace(/\bdata\.([A-Za-z]+)((?:\.\w+)*): /g, (_match, name: string, rest: string) => `${optionOf[name] ?? name}${rest ? ` (${name}${rest})` : ''}: `);
  return new UsageError(oneLine(text));
}

/** Runs `work`, turning the refusals of bad input into bad usage that names the option. */
export async function naming<T>(optionOf: Readonly<Record<string, string>>, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw asUsage(error, optionOf);
  }
}
