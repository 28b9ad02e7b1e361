import canonicalize from 'canonicalize';

/**
 * The RFC 8785 (JCS) canonical form of a JSON value: keys sorted, no whitespace, numbers in
 * their shortest form. Hashes are computed over this, never over stored text, so that the
 * same event hashes the same on SQLite and PostgreSQL.
 */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('value has no JSON form');
  return text;
}
