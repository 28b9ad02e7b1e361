/**
 * A new id for a thing a person records (`req_3f9c2a71d04b4e8a`): a readable prefix and 64
 * random bits. randomUUID needs a secure context (https or localhost), so a plain-http
 * installation on the office network falls back to getRandomValues, which does not.
 */
export function newId(prefix: string): string {
  const hex = typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID().replace(/-/g, '')
    : Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
  return `${prefix}_${hex.slice(0, 16)}`;
}
