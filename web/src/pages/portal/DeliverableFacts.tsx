import { useI18n } from '../../i18n/i18n.tsx';
import type { PortalDeliverable } from './types.ts';

/** The link's host for its text ("cdn.studio.example"); null when it is no http(s) link at all. */
export function mediaHost(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.host : null;
  } catch {
    return null;
  }
}

/**
 * What the client is asked to approve, before the buttons: the post's text, its network, the
 * day it is planned for and its media.
 *
 * The caption is React text, so markup in it shows as the characters typed; `white-space:
 * pre-wrap` keeps its line breaks. The media is only ever a link that opens in a new tab
 * (noopener noreferrer: the other site gets neither this window nor the portal's address with
 * its token). Never an <img>, <video> or <iframe> of the URL: the portal runs under a strict
 * Content-Security-Policy and must not load third-party content into the client's page (it
 * would tell that site who looks, and when). The server accepts only http(s) links; the page
 * checks again so a link of any other scheme is never made clickable.
 */
export function DeliverableFacts({ deliverable }: { readonly deliverable: PortalDeliverable }) {
  const { t, date } = useI18n();
  const host = deliverable.mediaUrl ? mediaHost(deliverable.mediaUrl) : null;
  const facts = deliverable.network || deliverable.plannedFor || deliverable.caption || deliverable.mediaUrl;
  if (!facts) return null;
  return (
    <dl className="portal-facts">
      {deliverable.network ? <><dt>{t('portal.item.network')}</dt><dd>{deliverable.network}</dd></> : null}
      {deliverable.plannedFor ? <><dt>{t('portal.item.plannedFor')}</dt><dd>{date(deliverable.plannedFor)}</dd></> : null}
      {deliverable.caption ? <><dt>{t('portal.item.caption')}</dt><dd className="portal-caption">{deliverable.caption}</dd></> : null}
      {deliverable.mediaUrl ? (
        <>
          <dt>{t('portal.item.media')}</dt>
          <dd>
            {host ? (
              <a href={deliverable.mediaUrl} target="_blank" rel="noopener noreferrer">
                {t('portal.item.mediaLink', { host })}
                <span className="visually-hidden"> {t('portal.item.newTab')}</span>
              </a>
            ) : <span className="muted">{t('portal.item.mediaUnusable')}</span>}
          </dd>
        </>
      ) : null}
    </dl>
  );
}
