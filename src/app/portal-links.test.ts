import { Temporal } from 'temporal-polyfill';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import type { Clock } from './clock.ts';
import { appContext, type AppContext } from './context.ts';
import { importLedger } from './import-ledger.ts';
import { createPortalLink, listPortalLinks, openPortal, portalUrl, revokePortalLink } from './portal-links.ts';
import { testDatabases, type TestStore } from '../../test/support/databases.ts';
import { aClient, aWorkspace, jsonl } from '../../test/support/events.ts';

describe('portal URLs', () => {
  it('carry the token in the fragment, after /portal, whatever the base URL ends with', () => {
    expect(portalUrl('https://firmly.studio.example', 'tok')).toBe('https://firmly.studio.example/portal#tok');
    expect(portalUrl('https://firmly.studio.example//', 'tok')).toBe('https://firmly.studio.example/portal#tok');
    expect(portalUrl('http://localhost:8080/app/', 'tok')).toBe('http://localhost:8080/app/portal#tok');
  });
});

function handClock(start: string): Clock & { advance(ms: number): void } {
  let now = Temporal.Instant.from(start);
  return { now: () => now, advance: (ms) => { now = now.add({ milliseconds: ms }); } };
}

describe.each(testDatabases())('portal tokens on $name', ({ open }) => {
  let store: TestStore;
  let clock: ReturnType<typeof handClock>;
  let ctx: AppContext;
  beforeEach(async () => {
    store = await open();
    clock = handClock('2026-11-27T10:00:00Z');
    ctx = appContext(store, clock);
    await importLedger(ctx, 'w', [{ name: 'w.jsonl', open: () => Readable.from([jsonl(aWorkspace({ id: 'e1' }), aClient('c1', { id: 'e2' }))]) }]);
  });
  afterEach(async () => { await store.close(); });

  it('opens the portal until the instant the link expires, and not from then on', async () => {
    const { token } = await createPortalLink(ctx, 'w', 'c1', { days: 1 });
    clock.advance(24 * 60 * 60 * 1000 - 1);
    expect(await openPortal(ctx, token)).toMatchObject({ workspaceId: 'w', clientId: 'c1' });
    clock.advance(1);
    await expect(openPortal(ctx, token)).rejects.toMatchObject({ code: 'portal.link_not_found' });
  });

  it('refuses malformed, unknown and revoked tokens alike', async () => {
    const { token, link } = await createPortalLink(ctx, 'w', 'c1');
    await revokePortalLink(ctx, 'w', 'c1', link.id);
    const refusals = await Promise.all([token, undefined, '', token.slice(1), `${token}=`, 'B'.repeat(43)].map((t) => openPortal(ctx, t).then(() => 'opened', (e: Error) => e.message)));
    expect(new Set(refusals)).toEqual(new Set(['this portal link is unknown, expired or revoked; ask for a new one']));
  });

  it('notes the last use at most once a minute', async () => {
    const { token } = await createPortalLink(ctx, 'w', 'c1');
    const lastUsed = async () => (await listPortalLinks(ctx, 'w', 'c1'))[0]?.lastUsedAt;
    expect(await lastUsed()).toBeNull();
    await openPortal(ctx, token);
    expect(await lastUsed()).toBe('2026-11-27T10:00:00.000Z');
    clock.advance(59_000);
    await openPortal(ctx, token);
    expect(await lastUsed()).toBe('2026-11-27T10:00:00.000Z');
    clock.advance(1_000);
    await openPortal(ctx, token);
    expect(await lastUsed()).toBe('2026-11-27T10:01:00.000Z');
  });

  it('makes no link for a client not on record, or for a number of days outside 1–365', async () => {
    await expect(createPortalLink(ctx, 'w', 'nobody')).rejects.toMatchObject({ code: 'client.not_found' });
    for (const days of [0, 366, 2.5]) await expect(createPortalLink(ctx, 'w', 'c1', { days })).rejects.toMatchObject({ code: 'input.invalid' });
    await expect(createPortalLink(ctx, 'elsewhere', 'c1')).rejects.toMatchObject({ code: 'workspace.not_found' });
    expect(await listPortalLinks(ctx, 'w', 'c1')).toEqual([]);
  });
});
