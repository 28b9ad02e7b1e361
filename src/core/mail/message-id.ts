// Message-IDs (RFC 5322 §3.6.4: `msg-id = "<" id-left "@" id-right ">"`). Matching works on
// the id without its angle brackets, compared exactly: the left part is case-sensitive, and
// mailers echo it byte for byte in In-Reply-To and References. The ledger keeps the header
// form, brackets included, as the outbox records our own (`<firmly.…@studio.example>`).

/** The longest bare id whose header form fits the ledger's ids (printable, at most 200 characters). */
export const maxMessageIdLength = 198;

const bracketed = /<([^<>]*)>/g;
const usable = /^[^\s\p{Cc}<>]+$/u;

/** True when `id` (bare) can be stored as a ledger id in its header form: printable, no whitespace, not too long. */
export const isUsableMessageId = (id: string): boolean => id.length > 0 && id.length <= maxMessageIdLength && usable.test(id);

/**
 * Every Message-ID in a header's text, in order, brackets removed; folding whitespace inside
 * brackets is dropped (long ids are folded by some mailers). A header without brackets that
 * is one bare token (`abc@host`, written by a few old mailers) counts as that id.
 * @example messageIdsIn('<a@x> <b@y>') → ['a@x', 'b@y']
 */
export function messageIdsIn(text: string | undefined): string[] {
  if (text === undefined) return [];
  const ids: string[] = [];
  for (const m of text.matchAll(bracketed)) {
    const id = (m[1] as string).replace(/\s+/g, '');
    if (id !== '') ids.push(id);
  }
  if (ids.length === 0) {
    const bare = text.trim();
    if (bare !== '' && !/\s/.test(bare) && bare.includes('@')) ids.push(bare);
  }
  return ids;
}

/** The first Message-ID of a header, or undefined when it holds none. */
export const firstMessageId = (text: string | undefined): string | undefined => messageIdsIn(text)[0];

/** Stands in for a missing or unusable Message-ID: derived from the message's content, so the same message gets the same id. */
export const contentMessageId = (contentSha256Hex: string): string => `${contentSha256Hex.slice(0, 40)}@content.firmly.invalid`;

/** Stands in for a Message-ID the ledger cannot hold (over 200 characters, or with spaces): derived from it, so it stays stable. */
export const hashedMessageId = (idSha256Hex: string): string => `${idSha256Hex.slice(0, 40)}@hashed.firmly.invalid`;

/** The header form the ledger records: `<id>`. */
export const headerMessageId = (id: string): string => `<${id}>`;
