import Mustache from 'mustache';
import { FirmlyError } from '../errors.ts';

/**
 * A letter template: Mustache text with `{{name}}` values and `{{#name}}…{{/name}}` sections
 * shown only when the value is there. Values are facts we computed (amounts, dates, the
 * rule sentence), never markup.
 */
export interface LetterTemplate {
  readonly subject: string;
  readonly body: string;
}

export interface RenderedLetter {
  readonly subject: string;
  readonly text: string;
}

export type LetterValues = Readonly<Record<string, string | null>>;

/** The names a template uses, sections included. */
export function templateNames(template: LetterTemplate): Set<string> {
  const names = new Set<string>();
  const walk = (tokens: readonly unknown[]) => {
    for (const token of tokens as readonly (readonly unknown[])[]) {
      const [kind, name, , , children] = token as [string, string, number, number, unknown[] | undefined];
      if (kind === 'name' || kind === '&' || kind === '#' || kind === '^') names.add(name);
      if (children) walk(children);
    }
  };
  walk(Mustache.parse(template.subject));
  walk(Mustache.parse(template.body));
  return names;
}

/** Refuses a template naming a value the letter does not have: a typo would print nothing. */
export function checkTemplate(template: LetterTemplate, known: ReadonlySet<string>): void {
  const unknown = [...templateNames(template)].filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new FirmlyError('input.invalid', `The template uses ${unknown.map((n) => `{{${n}}}`).join(', ')}, which this letter does not have; it has ${[...known].sort().map((n) => `{{${n}}}`).join(', ')}`, { unknown });
  }
}

/** Renders the plain-text letter. Blank lines left by empty sections are folded away. */
export function renderLetter(template: LetterTemplate, values: LetterValues): RenderedLetter {
  checkTemplate(template, new Set(Object.keys(values)));
  const view = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v ?? '']));
  const options = { escape: (text: string) => text };
  const text = Mustache.render(template.body, view, {}, options).replace(/\n{3,}/g, '\n\n').trim();
  const subject = Mustache.render(template.subject, view, {}, options).replace(/\s+/g, ' ').trim();
  return { subject, text: `${text}\n` };
}
