import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { z } from 'zod';
import type { DatabaseTarget } from './store/database.ts';
import type { ImapAccount } from './app/poll-imap.ts';

// Every environment variable Firmly reads, in one place (the README's configuration
// table mirrors this). Nobody else reads process.env.
const Env = z.object({
  FIRMLY_DATA: z.string().min(1).default('./data'),
  DATABASE_URL: z.string().optional()
    .refine((url) => url === undefined || /^postgres(ql)?:\/\//.test(url), 'must be a postgres:// URL (leave it unset for SQLite)'),
  FIRMLY_WORKSPACE: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ and - only, at most 64').default('default'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.string().regex(/^\d{1,5}$/, 'must be a port number 0–65535').default('8080')
    .transform(Number).refine((port) => port <= 65535, 'must be a port number 0–65535'), // "0" stays 0: any free port
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // The messages say what is wrong, never the value: the URL may carry the SMTP password.
  SMTP_URL: z.string().optional()
    .refine((url) => url === undefined || isSmtpUrl(url), 'must be an smtp:// or smtps:// URL, e.g. smtps://user:password@mail.example.com:465'),
  SMTP_FROM: z.string().optional()
    .refine((from) => from === undefined || parseMailbox(from) !== undefined, 'must be an address, e.g. "Studio <hello@studio.example>" or hello@studio.example'),
  // Inbound mail (firmly poll-mail). Like SMTP_URL, the messages never repeat the value.
  IMAP_URL: z.string().optional()
    .refine((url) => url === undefined || parseImapUrl(url) !== undefined, 'must be imap://user:password@host[:port] or imaps://… (TLS); percent-encode @ in the user name as %40'),
  IMAP_FOLDER: z.string().min(1).max(200).default('INBOX'),
  // Sign-in (#6): which reverse proxy to believe about the client's address and https.
  TRUST_PROXY: z.string().optional()
    .refine((text) => text === undefined || parseTrustProxy(text) !== undefined, '1 (the proxy in front), 0, or the proxies\' addresses: IPs, CIDRs or loopback, comma-separated'),
  // The client portal (#6): where clients reach this server, for the links `firmly portal link` prints.
  PUBLIC_URL: z.string().optional()
    .refine((url) => url === undefined || isHttpUrl(url), 'must be an http:// or https:// URL, e.g. https://firmly.studio.example'),
  // #19 F4: host names served beyond localhost, HOST and PUBLIC_URL's (a DNS-rebinding page sends its own).
  ALLOWED_HOSTS: z.string().optional()
    .refine((text) => text === undefined || parseAllowedHosts(text) !== undefined, 'comma-separated host names or addresses without scheme or port, e.g. firmly.lan,192.168.1.20 (*.example.com for its subdomains)'),
}).refine((e) => e.SMTP_URL === undefined || e.SMTP_FROM !== undefined, { path: ['SMTP_FROM'], message: 'is needed with SMTP_URL: the address the messages come from' });

/**
 * TRUST_PROXY: false for 0/false/no; true (believe the one proxy in front) for 1/true/yes;
 * otherwise the proxies' addresses as Fastify takes them; undefined when it is none of these.
 */
export function parseTrustProxy(text: string): boolean | string | undefined {
  const value = text.trim().toLowerCase();
  if (['0', 'false', 'no'].includes(value)) return false;
  if (['1', 'true', 'yes'].includes(value)) return true;
  const items = value.split(',').map((item) => item.trim());
  const isAddress = (item: string) => {
    const [address = '', prefix, ...rest] = item.split('/');
    return rest.length === 0 && isIP(address) !== 0 && (prefix === undefined || /^\d{1,3}$/.test(prefix));
  };
  return items.every((item) => ['loopback', 'linklocal', 'uniquelocal'].includes(item) || isAddress(item)) ? items.join(',') : undefined;
}

/** A name as written in ALLOWED_HOSTS, HOST or an interface list, in the form the server compares (server/allowed-hosts.ts). */
export function normaliseHostName(text: string): string | undefined {
  // An interface's IPv6 address may carry its zone (fe80::1%eth0); a Host header cannot.
  const name = text.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/^([0-9a-f:.]+)%.*$/, '$1').replace(/\.$/, '');
  if (isIP(name) !== 0) return name;
  return /^(\*\.)?[a-z0-9_-]+(\.[a-z0-9_-]+)*$/.test(name) ? name : undefined;
}

/** ALLOWED_HOSTS: comma-separated names or addresses, `*.example.com` for its subdomains; undefined when one is not a name. */
export function parseAllowedHosts(text: string): string[] | undefined {
  const items = text.split(',').map((item) => item.trim()).filter((item) => item !== '');
  const names = items.map(normaliseHostName);
  return names.every((name): name is string => name !== undefined) ? names : undefined;
}

/** Who the messages come from; the domain also names our Message-IDs. */
export interface Mailbox { readonly name?: string; readonly address: string }

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '' && url.search === '' && url.hash === '';
  } catch {
    return false;
  }
}

function isSmtpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** imap://user:pass@host:port (143) or imaps://… (993), user and password percent-decoded; undefined when it is not one. */
export function parseImapUrl(text: string, folder = 'INBOX'): ImapAccount | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if ((url.protocol !== 'imap:' && url.protocol !== 'imaps:') || url.hostname === '' || url.username === '') return undefined;
  try {
    const secure = url.protocol === 'imaps:';
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    return { host, port: url.port ? Number(url.port) : secure ? 993 : 143, secure,
      user: decodeURIComponent(url.username), password: decodeURIComponent(url.password), folder };
  } catch {
    return undefined; // a malformed %-escape
  }
}

/** `Studio <hello@studio.example>` or `hello@studio.example`; undefined when it is neither. */
export function parseMailbox(text: string): Mailbox | undefined {
  const m = /^\s*(?:"?([^"<>]*?)"?\s*<([^<>\s@]+@[^<>\s@]+\.[^<>\s@]+)>|([^<>\s@]+@[^<>\s@]+\.[^<>\s@]+))\s*$/.exec(text);
  if (!m) return undefined;
  const name = m[1]?.trim();
  return { ...(name ? { name } : {}), address: (m[2] ?? m[3]) as string };
}

export interface ConfigOverrides {
  readonly dataDir?: string | undefined;
  readonly workspace?: string | undefined;
  readonly host?: string | undefined;
  readonly port?: string | number | undefined;
}

export interface Config {
  readonly dataDir: string;
  readonly database: DatabaseTarget;
  readonly workspaceId: string;
  readonly http: { readonly host: string; readonly port: number };
  readonly logLevel: z.infer<typeof Env>['LOG_LEVEL'];
  /** Outgoing mail, when SMTP_URL is set. `url` may hold a password: never print or log it. */
  readonly smtp?: { readonly url: string; readonly from: Mailbox };
  /** Inbound mail, when IMAP_URL is set. Holds the password: never print or log it. */
  readonly imap?: ImapAccount;
  /** TRUST_PROXY, when set: true for the one proxy in front, or the proxies' addresses. */
  readonly trustProxy?: true | string;
  /** PUBLIC_URL without a trailing slash, when set: where clients reach this server (portal links). */
  readonly publicUrl?: string;
  /** ALLOWED_HOSTS, normalised (lower case, no brackets); empty when unset. */
  readonly allowedHosts: readonly string[];
}

/** Parses the environment (and command-line overrides) once, reporting every bad value at once. */
export function loadConfig(env: Record<string, string | undefined> = process.env, overrides: ConfigOverrides = {}): Config {
  // An empty variable (`PORT=` in a shell or an .env file) means "not set", not "zero".
  const set = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''));
  const merged = {
    ...set,
    ...(overrides.dataDir !== undefined ? { FIRMLY_DATA: overrides.dataDir } : {}),
    ...(overrides.workspace !== undefined ? { FIRMLY_WORKSPACE: overrides.workspace } : {}),
    ...(overrides.host !== undefined ? { HOST: overrides.host } : {}),
    ...(overrides.port !== undefined ? { PORT: String(overrides.port) } : {}),
  };
  const r = Env.safeParse(merged);
  if (!r.success) {
    throw new ConfigError('Invalid configuration:\n' + r.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n'));
  }
  const e = r.data;
  const dataDir = resolve(e.FIRMLY_DATA);
  const database: DatabaseTarget = e.DATABASE_URL
    ? { kind: 'postgres', url: e.DATABASE_URL }
    : { kind: 'sqlite', file: resolve(dataDir, 'firmly.db') };
  const from = e.SMTP_FROM === undefined ? undefined : parseMailbox(e.SMTP_FROM);
  const trustProxy = e.TRUST_PROXY === undefined ? false : parseTrustProxy(e.TRUST_PROXY);
  return {
    dataDir, database, workspaceId: e.FIRMLY_WORKSPACE, http: { host: e.HOST, port: e.PORT }, logLevel: e.LOG_LEVEL,
    ...(e.SMTP_URL !== undefined && from !== undefined ? { smtp: { url: e.SMTP_URL, from } } : {}),
    ...(e.IMAP_URL !== undefined ? { imap: parseImapUrl(e.IMAP_URL, e.IMAP_FOLDER) as ImapAccount } : {}),
    ...(trustProxy ? { trustProxy } : {}),
    ...(e.PUBLIC_URL !== undefined ? { publicUrl: e.PUBLIC_URL.replace(/\/+$/, '') } : {}),
    allowedHosts: e.ALLOWED_HOSTS === undefined ? [] : parseAllowedHosts(e.ALLOWED_HOSTS) ?? [],
  };
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}
