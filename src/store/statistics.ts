import { sql, type Kysely, type Transaction } from 'kysely';
import type { Dialect } from './database.ts';
import type { Database } from './schema.ts';
import { readModelTables } from './migrations/0002-read-models.ts';

// PostgreSQL plans from table statistics, and a table filled inside one long transaction
// has none: autovacuum cannot see uncommitted rows. The plans made for a nearly empty
// table then stay (foreign-key checks cache theirs per connection), and at a million
// events they scan whole tables per statement — an import took 5 minutes instead of 1.
// ANALYZE inside the transaction does see its own rows and invalidates those plans.
// Named tables only: a bare ANALYZE would visit every schema of the database.
const TABLES = ['ledger_event', 'ledger_head', ...readModelTables].join(', ');

/** Counts rows written in a transaction and refreshes PostgreSQL's statistics as the tables grow (doubling steps). */
export class StatisticsKeeper {
  private written = 0;
  private analyzedAt = 0;
  private next: number;

  constructor(private readonly dialect: Dialect, private readonly firstAt = 5_000) {
    this.next = firstAt;
  }

  async wrote(trx: Transaction<Database>, rows: number): Promise<void> {
    this.written += rows;
    if (this.dialect === 'postgres' && this.written >= this.next) {
      await this.analyze(trx);
      this.next = this.written * 2;
    }
  }

  /** Before commit: a last refresh if much was written since the previous one, for the queries that follow. */
  async settle(trx: Transaction<Database>): Promise<void> {
    if (this.dialect === 'postgres' && this.written - this.analyzedAt >= this.firstAt) await this.analyze(trx);
  }

  private async analyze(db: Kysely<Database> | Transaction<Database>): Promise<void> {
    await sql.raw(`analyze ${TABLES}`).execute(db);
    this.analyzedAt = this.written;
  }
}
