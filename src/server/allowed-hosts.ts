import { isIP } from 'node:net';
import { hostname as machineHostname, networkInterfaces } from 'node:os';
import { normaliseHostName } from '../config.ts';

// Which host names this server answers for (#19 F4). A page of attacker.example whose DNS
// name is rebound to 127.0.0.1 reaches this server from the user's own browser, with Host and
// Origin both attacker.example: the same-origin check passes, and on a fresh install it could
// create the owner. Refusing every Host that is not one of ours, before any route runs, closes
// that door for the API, the web app's files and the portal alike: the page can choose the
// address its name resolves to, never the name its browser sends.

/** What the machine is called on the network; asked only when the server listens on all interfaces. */
export interface MachineNames {
  readonly addresses: readonly string[];
  readonly hostname: string;
}

export interface AllowedHostsInput {
  /** HOST / --host: the address the server listens on. */
  readonly listenHost?: string;
  /** PUBLIC_URL: its host name is ours. */
  readonly publicUrl?: string;
  /** ALLOWED_HOSTS: names (or `*.name` for every name under it) the operator adds. */
  readonly allowedHosts?: readonly string[];
  /** Default: this machine's interface addresses and os.hostname(). */
  readonly machine?: () => MachineNames;
}

export interface HostAllowlist {
  /** Whether a request's Host (or trusted X-Forwarded-Host) value, port and all, names this server. */
  allows(hostHeader: string): boolean;
  /** The names beyond the localhost ones, for messages and tests. */
  readonly names: readonly string[];
}

const isWildcardAddress = (host: string) => ['0.0.0.0', '::', '[::]'].includes(host);

/** localhost, *.localhost (RFC 6761 §6.3: never leaves the machine), 127/8 and ::1. */
export function isLocalhostName(name: string): boolean {
  return name === 'localhost' || name.endsWith('.localhost') || name === '::1' || (isIP(name) === 4 && name.startsWith('127.'));
}

/**
 * The host name of a Host header value (`Example.com:8080`, `[::1]:80`, `127.0.0.1`): lower
 * case, without the port, the IPv6 brackets or a trailing dot; undefined when it is not one.
 * Ports are not compared: behind a proxy the port seen here is not the browser's, and a
 * rebinding page can use any port anyway — it is the name it cannot choose.
 */
export function hostnameOfHeader(value: string): string | undefined {
  const text = value.trim().toLowerCase();
  const bracketed = /^\[([0-9a-f:.]+)\](?::(\d{1,5}))?$/.exec(text);
  if (bracketed) return isIP(bracketed[1] as string) === 6 ? bracketed[1] : undefined;
  const plain = /^([a-z0-9_.-]+?)\.?(?::(\d{1,5}))?$/.exec(text);
  if (!plain) return undefined;
  const name = plain[1] as string;
  return name.split('.').every((label) => label !== '') ? name : undefined;
}

function thisMachine(): MachineNames {
  const addresses = Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((i) => i.address));
  return { addresses, hostname: machineHostname() };
}

/** The names this server answers for: the localhost ones always, and what its configuration and network add. */
export function hostAllowlist(input: AllowedHostsInput): HostAllowlist {
  const names = new Set<string>();
  const add = (text: string | undefined) => {
    const name = text === undefined ? undefined : normaliseHostName(text);
    if (name && !isLocalhostName(name)) names.add(name);
  };
  if (input.listenHost !== undefined && isWildcardAddress(input.listenHost)) {
    // On all interfaces, a person on the LAN types this machine's address or its name
    // (`studio-mac`, or `studio-mac.local` through mDNS).
    const machine = (input.machine ?? thisMachine)();
    for (const address of machine.addresses) add(address);
    add(machine.hostname);
    if (!machine.hostname.includes('.')) add(`${machine.hostname}.local`);
  } else {
    add(input.listenHost);
  }
  if (input.publicUrl !== undefined) add(new URL(input.publicUrl).hostname);
  for (const name of input.allowedHosts ?? []) add(name);

  const exact = new Set([...names].filter((n) => !n.startsWith('*.')));
  const suffixes = [...names].filter((n) => n.startsWith('*.')).map((n) => n.slice(1));
  return {
    names: [...names],
    allows(hostHeader) {
      const name = hostnameOfHeader(hostHeader);
      if (name === undefined) return false;
      return isLocalhostName(name) || exact.has(name) || suffixes.some((suffix) => name.endsWith(suffix));
    },
  };
}
