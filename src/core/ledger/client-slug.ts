// A readable client id from its name, the same from the command line and the web app.

/**
 * A client id made from a name: lower case ASCII letters, digits and hyphens, at most 60.
 * @example clientSlug('Bageriet Ærø ApS') // 'bageriet-aeroe-aps'
 */
export function clientSlug(name: string): string {
  const slug = name.toLowerCase()
    // Danish letters have no decomposition to strip; spell them as Danes do without them.
    .replace(/æ/g, 'ae').replace(/ø/g, 'oe').replace(/å/g, 'aa').replace(/ß/g, 'ss')
    .normalize('NFKD').replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+/, '').slice(0, 60).replace(/-+$/, '');
  return slug === '' ? 'client' : slug;
}
