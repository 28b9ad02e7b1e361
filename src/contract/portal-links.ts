import { z } from 'zod';
import { portalLinkDays } from '../core/portal-link-days.ts';

// The staff side of the client portal: a client's links. The token is in the answer that makes
// a link, once; lists never carry it.

export const PortalLinkView = z.object({
  id: z.string(),
  clientId: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
}).meta({ id: 'PortalLink' });

export const PortalLinkListView = z.object({ links: z.array(PortalLinkView) });

export const NewPortalLinkView = z.object({ link: PortalLinkView.omit({ lastUsedAt: true }), token: z.string(), url: z.string() });

export const NewLinkBody = z.object({
  days: z.number().int().min(portalLinkDays.min).max(portalLinkDays.max).optional()
    .describe(`how long the link opens the portal, in days (default ${portalLinkDays.default})`),
}).nullish();

export type PortalLink = z.output<typeof PortalLinkView>;
export type NewPortalLink = z.output<typeof NewPortalLinkView>;
