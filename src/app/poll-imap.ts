import { ImapFlow } from 'imapflow';
import type { IsoInstant } from '../core/dates.ts';
import { instantFromEpochMillis } from '../core/dates.ts';
import { readMailCursor, saveMailCursor } from '../store/mail-store.ts';
import { nowIso } from './clock.ts';
import type { AppContext } from './context.ts';
import { recordMail, type MailCounts, type RawMail } from './import-mail.ts';
import { requireWorkspace } from './workspace.ts';

// Reads new mail from an IMAP folder (imapflow) and records it like `firmly import-mail`.
//
// Where it left off is kept per workspace, account and folder: the highest UID read, with the
// folder's UIDVALIDITY. UIDs only ever grow within one UIDVALIDITY (RFC 9051 §2.3.1.1); when the
// server hands out a new UIDVALIDITY (the folder was recreated, the server migrated) the old
// UIDs mean nothing, so the folder is read again from the start — what is already on record
// is recognised by its Message-ID and adds nothing. The cursor moves in the same transaction
// as the mail it covers: a poll cut short resumes after the last batch it committed.
// The folder is opened read-only: polling changes no flag (\Seen stays as the user left it).

/** An IMAP folder to read (config.ts builds it from IMAP_URL and IMAP_FOLDER). `password` is never printed or logged. */
export interface ImapAccount {
  readonly host: string;
  readonly port: number;
  /** imaps://: TLS from the start; imap://: plain, upgraded with STARTTLS when the server offers it. */
  readonly secure: boolean;
  readonly user: string;
  readonly password: string;
  readonly folder: string;
}

/** The account for people and logs: `imap://user@host:port/FOLDER`, never the password. */
export const describeImap = (account: ImapAccount): string =>
  `${account.secure ? 'imaps' : 'imap'}://${encodeURIComponent(account.user)}@${account.host}:${account.port}/${account.folder}`;

/** The server could not be reached, refused the sign-in, or has no such folder. */
export class MailServerError extends Error {
  override readonly name = 'MailServerError';
}

export interface PollReport extends MailCounts {
  /** `imap://user@host:port/FOLDER`. */
  readonly mailbox: string;
  readonly uidValidity: number;
  /** The highest UID read so far. */
  readonly lastUid: number;
  /** UIDVALIDITY changed since the last poll: the folder was read from the start. */
  readonly reset: boolean;
}

export interface PollOptions {
  /** Messages per transaction (default 200). */
  readonly batchSize?: number;
  /** Messages fetched per IMAP command (default 25): what is held in memory while it is parsed. */
  readonly fetchSize?: number;
  readonly onProgress?: (counts: MailCounts) => void;
}

interface FetchedMail extends RawMail {
  readonly uid: number;
}

const reasonOf = (error: unknown): string => {
  const e = error as { message?: string; responseText?: string; authenticationFailed?: boolean; code?: string };
  if (e.authenticationFailed) return `the server refused the user name or password${e.responseText ? ` (${e.responseText})` : ''}`;
  return e.responseText ?? e.message ?? String(error);
};

/** Polls the folder once: records what arrived since the last poll, then signs out. */
export async function pollImap(ctx: AppContext, workspaceId: string, account: ImapAccount, options: PollOptions = {}): Promise<PollReport> {
  await requireWorkspace(ctx, workspaceId);
  const mailbox = describeImap(account);
  const accountKey = `${account.user}@${account.host}:${account.port}`;
  const fetchSize = options.fetchSize ?? 25;
  const client = new ImapFlow({
    host: account.host, port: account.port, secure: account.secure, auth: { user: account.user, pass: account.password },
    // imapflow logs to standard output by default; a poll reports through its return value.
    logger: false, disableAutoIdle: true, connectionTimeout: 30_000, greetingTimeout: 15_000, socketTimeout: 300_000,
  });
  // A dropped connection is also emitted as an 'error' event: without a listener it would end the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    throw new MailServerError(`cannot sign in to ${mailbox}: ${reasonOf(error)}`, { cause: error });
  }
  try {
    let lock: Awaited<ReturnType<ImapFlow['getMailboxLock']>>;
    try {
      lock = await client.getMailboxLock(account.folder, { readOnly: true });
    } catch (error) {
      throw new MailServerError(`cannot open ${mailbox}: ${reasonOf(error)}`, { cause: error });
    }
    try {
      const opened = client.mailbox;
      if (!opened) throw new MailServerError(`cannot open ${mailbox}: the server selected no folder`);
      const uidValidity = Number(opened.uidValidity);
      const cursor = await readMailCursor(ctx.store.db, workspaceId, accountKey, account.folder);
      const reset = cursor !== undefined && cursor.uidValidity !== uidValidity;
      const after = cursor !== undefined && !reset ? cursor.lastUid : 0;

      // The UIDs first (numbers only), then the messages a few at a time: imapflow buffers a
      // FETCH response whole, so fetching a large folder in one command would hold it all.
      const found = opened.exists === 0 ? [] : await client.search({ uid: `${after + 1}:*` }, { uid: true });
      // `N:*` also matches the highest UID when that is below N (RFC 9051 §6.4.8): filter.
      const uids = (found === false || found === undefined ? [] : found).filter((uid) => uid > after).sort((a, b) => a - b);
      async function* fetched(): AsyncGenerator<FetchedMail> {
        for (let i = 0; i < uids.length; i += fetchSize) {
          const group = uids.slice(i, i + fetchSize);
          const messages = await client.fetchAll(group.join(','), { uid: true, source: true, internalDate: true }, { uid: true });
          for (const message of messages.sort((a, b) => a.uid - b.uid)) {
            if (!message.source) continue;
            const date = message.internalDate === undefined ? undefined : new Date(message.internalDate);
            const receivedAt: IsoInstant | undefined = date && !Number.isNaN(date.getTime()) ? instantFromEpochMillis(date.getTime()) : undefined;
            yield { raw: message.source, receivedAt, origin: `imap:${account.folder}#${message.uid}`, uid: message.uid };
          }
        }
      }
      let lastUid = after;
      const counts = await recordMail(ctx, workspaceId, fetched(), {
        ...(options.batchSize !== undefined ? { batchSize: options.batchSize } : {}),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        afterBatch: async (trx, last) => {
          lastUid = last.uid;
          await saveMailCursor(trx, workspaceId, accountKey, account.folder, { uidValidity, lastUid }, nowIso(ctx.clock));
        },
      });
      // Nothing new: still record the folder's UIDVALIDITY (the first poll of an empty folder, a reset).
      if (cursor === undefined || reset) {
        await ctx.store.db.transaction().execute((trx) =>
          saveMailCursor(trx, workspaceId, accountKey, account.folder, { uidValidity, lastUid }, nowIso(ctx.clock)));
      }
      return { ...counts, mailbox, uidValidity, lastUid, reset };
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
}
