/**
 * A readable id for a new client from its name ("Bageriet Sønderborg ApS" → "bageriet-soenderborg-aps"),
 * unique among `taken` (a number is added when it is not). Ids appear in addresses and exports,
 * so they are lower-case ASCII letters, digits and dashes.
 */
export function clientIdFrom(name: string, taken: ReadonlySet<string>): string {
  const base = name.toLowerCase()
    .replace(/æ/g, 'ae').replace(/ø/g, 'oe').replace(/å/g, 'aa').replace(/ß/g, 'ss')
    .normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '')
    .slice(0, 60).replace(/-+$/, '') || 'client';
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
