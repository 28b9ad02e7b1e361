import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { appContext } from '../../src/app/context.ts';
import { importLedger } from '../../src/app/import-ledger.ts';
import { openStore } from '../../src/store/database.ts';
import { scenarioFiles } from '../support/paths.ts';

describe('when the database cannot be used', () => {
  it('says which PostgreSQL server it could not reach, without the password', async () => {
    await expect(openStore({ kind: 'postgres', url: 'postgres://firmly:s3cret@127.0.0.1:1/firmly' })).rejects.toMatchObject({
      code: 'database.unavailable',
      message: expect.stringMatching(/^cannot use PostgreSQL 127\.0\.0\.1:1\/firmly: .*ECONNREFUSED/),
    });
    await openStore({ kind: 'postgres', url: 'postgres://firmly:s3cret@127.0.0.1:1/firmly' }).catch((error: Error) => {
      expect(error.message).not.toContain('s3cret');
    });
  });

  it('says which SQLite file it could not open', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'firmly-unavailable-'));
    writeFileSync(join(dir, 'not-a-folder'), 'x');
    await expect(openStore({ kind: 'sqlite', file: join(dir, 'not-a-folder', 'firmly.db') })).rejects.toMatchObject({
      code: 'database.unavailable', message: expect.stringContaining(`cannot use SQLite ${join(dir, 'not-a-folder', 'firmly.db')}`),
    });
  });

  it('reports another process holding the SQLite write lock as busy, and writes nothing', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'firmly-busy-')), 'firmly.db');
    const store = await openStore({ kind: 'sqlite', file }, { busyTimeoutMs: 50 });
    const other = new SqliteDatabase(file);
    other.exec('begin immediate');
    try {
      await expect(importLedger(appContext(store), 'ws', [scenarioFiles()[0] as string])).rejects.toMatchObject({ code: 'ledger.busy' });
    } finally {
      other.exec('rollback');
      other.close();
    }
    expect(await importLedger(appContext(store), 'ws', [scenarioFiles()[0] as string])).toMatchObject({ rejected: [] });
    await store.close();
  });
});
