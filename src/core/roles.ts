/** Least to most: a viewer reads, a member also records and sends, an owner also configures. */
export const roles = ['viewer', 'member', 'owner'] as const;
export type Role = (typeof roles)[number];
export const isRole = (text: string): text is Role => (roles as readonly string[]).includes(text);
