/** How long a portal link may open the portal, in days: the default, and the limits a person may choose. */
export const portalLinkDays = { min: 1, max: 365, default: 30 } as const;
