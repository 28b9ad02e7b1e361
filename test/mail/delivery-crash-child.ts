// The process test/mail/delivery-crash.test.ts kills: the daily routine of a Firmly
// installation — sweep the day, then send what is due — over a range of days, picking up
// where the last sweep left off. Configured like `firmly` (FIRMLY_DATA or DATABASE_URL,
// SMTP_URL, SMTP_FROM), plus CRASH_WORKSPACE, CRASH_FROM and CRASH_UNTIL (dates).
// It says "ready" once loaded and starts on a line "go" on standard input, so the test can
// load the next one while the current one runs and kill it the moment it likes. It says
// "handed <Message-ID>" once a message is marked `unconfirmed` (committed; its end leaves
// next) and "answered <Message-ID>" once the server's 250 came back (its `accepted` is
// committed next): the test's evidence of where each kill fell.
import { createInterface } from 'node:readline';
import { appContext } from '../../src/app/context.ts';
import { deliverDue } from '../../src/app/deliver-outbox.ts';
import { smtpTransport, type MailTransport } from '../../src/app/outbox-smtp.ts';
import { runSweep } from '../../src/app/run-sweep.ts';
import { loadConfig } from '../../src/config.ts';
import { addDays, type IsoDate, type IsoInstant } from '../../src/core/dates.ts';
import { openStore } from '../../src/store/database.ts';
import { readSweepState } from '../../src/store/sweep-state-store.ts';

const workspaceId = process.env.CRASH_WORKSPACE ?? 'crash';
const firstDay = process.env.CRASH_FROM as IsoDate;
const lastDay = process.env.CRASH_UNTIL as IsoDate;
const noon = (day: IsoDate) => `${day}T12:00:00.000Z` as IsoInstant;

process.stdout.write('ready\n');
const lines = createInterface({ input: process.stdin });
await new Promise<void>((resolve) => lines.once('line', () => resolve()));
lines.close();

const config = loadConfig(process.env);
if (!config.smtp) throw new Error('SMTP_URL and SMTP_FROM are needed');
// The test migrated the database; opening without migrating spares each life the schema
// introspection (which, on a PostgreSQL server shared with other suites, can trip over a
// schema another suite is dropping).
const ctx = appContext(await openStore(config.database, { migrate: false }));
const smtp = smtpTransport(config.smtp);
// Writes to a pipe are synchronous on Linux: a line printed is a line the test sees, kill or not.
const transport: MailTransport = {
  from: smtp.from,
  close: () => smtp.close(),
  async send(mail, beforeEnd) {
    await smtp.send(mail, beforeEnd && (async () => {
      await beforeEnd();
      process.stdout.write(`handed ${mail.messageId}\n`);
    }));
    process.stdout.write(`answered ${mail.messageId}\n`);
  },
};
// Crashes count as tries; the test kills often enough that the default limit could be reached.
const options = { maxAttempts: 1_000 };
try {
  const swept = await readSweepState(ctx.store.db, workspaceId);
  // The day the last sweep finished may not have been sent yet: start there.
  for (let day = swept ? swept.sweptOn as IsoDate : firstDay; day <= lastDay; day = addDays(day, 1)) {
    process.stdout.write(`day ${day}\n`);
    await runSweep(ctx, workspaceId, day);
    await deliverDue(ctx, workspaceId, transport, noon(day), options);
  }
  // A day later every claim of a killed sender has lapsed: what it left `sending` goes now.
  await deliverDue(ctx, workspaceId, transport, noon(addDays(lastDay, 1)), options);
  process.stdout.write('done\n');
} finally {
  transport.close();
  await ctx.store.close();
}
