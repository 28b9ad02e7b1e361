import { randomBytes } from 'node:crypto';
import { ImapFlow } from 'imapflow';
import { parseImapUrl } from '../../src/config.ts';
import type { ImapAccount } from '../../src/app/poll-imap.ts';

// The IMAP suites run against a real Dovecot (Debian's dovecot-imapd), which .ci/run installs
// and starts on loopback with one test user (STACK.md §4) and announces in
// FIRMLY_TEST_IMAP_URL; `.ci/run dovecot` does the same on a development machine. Each test
// works in a folder of its own, deleted afterwards.
// As with PostgreSQL (databases.ts): FIRMLY_TEST_POSTGRES=required, which CI sets, turns an
// unreachable server into a failure; elsewhere the IMAP suites are skipped with the reason.

export const imapUrl = process.env.FIRMLY_TEST_IMAP_URL ?? 'imap://test%40example.test:secret123@127.0.0.1:10143';
const required = process.env.FIRMLY_TEST_POSTGRES === 'required';

/** The account without its password, for messages. */
const shown = imapUrl.replace(/:[^:@/]*@/, ':…@');

const connect = (account: ImapAccount) => {
  const client = new ImapFlow({ host: account.host, port: account.port, secure: account.secure, auth: { user: account.user, pass: account.password }, logger: false, disableAutoIdle: true });
  client.on('error', () => undefined);
  return client;
};

async function unreachableBecause(account: ImapAccount | undefined): Promise<string | undefined> {
  if (!account) return `FIRMLY_TEST_IMAP_URL is not an imap:// URL: ${shown}`;
  const client = connect(account);
  try {
    await client.connect();
    await client.logout();
    return undefined;
  } catch (error) {
    client.close();
    return (error as { responseText?: string; message?: string }).responseText ?? (error as Error).message;
  }
}

const baseAccount = parseImapUrl(imapUrl);
const problem = await unreachableBecause(baseAccount);
if (problem !== undefined && required) {
  throw new Error(`Dovecot is required for the test suite (FIRMLY_TEST_POSTGRES=required) but ${shown} does not answer: ${problem}. .ci/run starts it.`);
}
if (problem !== undefined) {
  console.warn(`\n*** No IMAP server at ${shown} (${problem}): the IMAP suites are skipped. \`.ci/run dovecot\` starts one; CI sets FIRMLY_TEST_POSTGRES=required. ***\n`);
}

/** True when the IMAP suites can run. */
export const dovecotAvailable = problem === undefined;

export interface TestFolder {
  /** The account, reading this folder. */
  readonly account: ImapAccount;
  /** Appends a raw message, as a mail server delivering it would; `arrived` is its INTERNALDATE. */
  append(raw: string, arrived?: Date): Promise<number | undefined>;
  /** Deletes the folder and creates it again: the server gives it a new UIDVALIDITY. */
  recreate(): Promise<void>;
  uidValidity(): Promise<number>;
  remove(): Promise<void>;
}

/** A new, empty folder of the test user's, for one test. */
export async function testFolder(): Promise<TestFolder> {
  if (!baseAccount || !dovecotAvailable) throw new Error('no Dovecot for the IMAP tests');
  const folder = `firmly-test-${randomBytes(5).toString('hex')}`;
  const account = { ...baseAccount, folder };
  const withClient = async <T>(run: (client: ImapFlow) => Promise<T>): Promise<T> => {
    const client = connect(account);
    await client.connect();
    try {
      return await run(client);
    } finally {
      await client.logout().catch(() => client.close());
    }
  };
  await withClient((client) => client.mailboxCreate(folder));
  return {
    account,
    append: (raw, arrived) => withClient(async (client) => {
      const appended = await client.append(folder, Buffer.from(raw.replace(/\r?\n/g, '\r\n')), [], arrived);
      return appended === false ? undefined : appended.uid;
    }),
    recreate: () => withClient(async (client) => {
      await client.mailboxDelete(folder);
      await client.mailboxCreate(folder);
    }),
    uidValidity: () => withClient(async (client) => {
      const status = await client.status(folder, { uidValidity: true });
      return Number(status === false ? 0 : status.uidValidity);
    }),
    remove: () => withClient(async (client) => {
      await client.mailboxDelete(folder);
    }),
  };
}
