import type { Locale } from '../ledger/wire.ts';

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => entities[c] as string);

/**
 * The HTML part of a letter, made from its plain text: every character escaped (values
 * included — a client named `<b>` stays text), blank lines as paragraphs, line breaks kept.
 */
export function letterHtml(text: string, locale: Locale): string {
  const paragraphs = text.trim().split(/\n{2,}/).map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>\n')}</p>`);
  return `<!doctype html>\n<html lang="${locale}"><head><meta charset="utf-8"></head>\n<body style="font-family: sans-serif; line-height: 1.5">\n${paragraphs.join('\n')}\n</body></html>\n`;
}
