import { Readable } from 'node:stream';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appContext, type AppContext } from '../../src/app/context.ts';
import { fixedClock } from '../../src/app/clock.ts';
import { importLedger } from '../../src/app/import-ledger.ts';
import { recordEvent } from '../../src/app/record-event.ts';
import { parseEvent } from '../../src/core/ledger/parse-event.ts';
import { isWellFormedText } from '../../src/core/text.ts';
import { appendEvents, readEvents, verifyLedger } from '../../src/store/ledger-store.ts';
import { sha256Hex } from '../../src/store/hash.ts';
import type { IsoInstant } from '../../src/core/dates.ts';
import { testDatabases, type TestStore } from '../support/databases.ts';
import { aClient, aWorkspace, jsonl, parsed, raw } from '../support/events.ts';

// Issue 19, F1: the hash is computed over exactly what is stored. Whatever text parseEvent
// accepts is stored, read back and verified unchanged on both databases; text with a lone
// surrogate or a NUL is refused by every way in, and nothing is written.

const now = () => '2026-11-27T10:00:00.000Z' as IsoInstant;
const WS = 'w1';

/** Any code point (controls, astral planes, U+FFFD, noncharacters) and, often, the halves of a pair on their own. */
const anyText = fc.string({
  unit: fc.oneof(
    { weight: 6, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
    { weight: 3, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
    { weight: 1, arbitrary: fc.constantFrom('\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\u0000') },
  ),
  minLength: 1, maxLength: 24,
});

/** Well-formed text with a lone surrogate or a NUL put in somewhere. */
const illFormed = fc.tuple(fc.string({ unit: 'grapheme', maxLength: 10 }), fc.constantFrom('\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\u0000'), fc.string({ unit: 'grapheme', maxLength: 10 }))
  .map(([a, bad, b]) => `x${a}${bad}${b}`);

describe.each(testDatabases())('the text that reaches the ledger on $name', ({ open }) => {
  let store: TestStore;
  let ctx: AppContext;
  beforeEach(async () => {
    store = await open();
    ctx = appContext(store, fixedClock('2026-11-27T10:00:00Z'));
    await appendEvents(store.db, { workspaceId: WS, dialect: store.dialect, sha256: sha256Hex, now }, parsed(aWorkspace({ id: 'ws' }), aClient('c1', { id: 'c1' })));
  });
  afterEach(async () => { await store.close(); });

  const storedCount = async () => Number(((await store.raw('select count(*) as n from ledger_event where workspace_id = ?', [WS]))[0] as { n: number | string }).n);

  it('stores, reads back and verifies unchanged every string and key parseEvent accepts, and refuses the rest', async () => {
    let n = 0;
    await fc.assert(fc.asyncProperty(anyText, anyText, async (name, summary) => {
      n += 1;
      const client = raw('client.added', { clientId: `k${n}`, name, locale: 'en', contacts: [] }, { id: `id-${n}-${[...name].slice(0, 3).join('')}` });
      const incident = raw('incident.noted', { clientId: 'c1', severity: 'low', summary }, { id: `inc-${n}` });
      const results = [parseEvent(client), parseEvent(incident)];
      for (const [text, result] of [[name, results[0]], [summary, results[1]]] as const) {
        if (!isWellFormedText(text)) expect(result!.ok).toBe(false);
      }
      const accepted = results.flatMap((r) => (r!.ok ? [r!.event] : []));
      if (accepted.length === 0) return;
      const before = await storedCount();
      await appendEvents(store.db, { workspaceId: WS, dialect: store.dialect, sha256: sha256Hex, now }, accepted);
      const back = await readEvents(store.db, WS, {}, { afterSeq: before, limit: 10 });
      expect(back.map(({ id, type, at, data }) => ({ id, type, at, data }))).toEqual(accepted);
    }), { seed: 19, numRuns: 60 });
    expect(await verifyLedger(store.db, WS, sha256Hex)).toMatchObject({ ok: true });
  });

  it('refuses a lone surrogate or NUL in an id, a name or a key through import and recording alike, writing nothing', async () => {
    await fc.assert(fc.asyncProperty(illFormed, fc.constantFrom('id', 'name', 'key'), async (bad, where) => {
      const before = await storedCount();
      const data = where === 'name' ? { clientId: 'k', name: bad, locale: 'en', contacts: [] }
        : where === 'key' ? { clientId: 'k', name: 'K', locale: 'en', contacts: [], [bad]: 1 }
          : { clientId: 'k', name: 'K', locale: 'en', contacts: [] };
      const event = raw('client.added', data, { id: where === 'id' ? bad : 'evt-k' });

      const imported = await importLedger(ctx, WS, [{ name: 'bad.jsonl', open: () => Readable.from([Buffer.from(jsonl(event), 'utf8')]) }]);
      expect(imported.rejected).toEqual([{ file: 'bad.jsonl', line: 1, reason: expect.stringMatching(/contains (a lone surrogate|NUL) \(U\+[0-9A-F]{4}\) at character \d+$/) }]);
      await expect(recordEvent(ctx, WS, { type: 'client.added', data, id: event.id })).rejects.toMatchObject({ code: 'input.invalid' });
      expect(await storedCount()).toBe(before);
    }), { seed: 19, numRuns: 25 });
    expect(await verifyLedger(store.db, WS, sha256Hex)).toMatchObject({ ok: true });
  });
});
