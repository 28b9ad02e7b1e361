import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostAllowlist, hostnameOfHeader } from './allowed-hosts.ts';

const machine = () => ({ addresses: ['192.168.1.20', 'fe80::1%eth0', '127.0.0.1'], hostname: 'Studio-Mac' });

describe('the host allowlist', () => {
  it('takes the host name of a Host header without port, brackets, case or trailing dot', () => {
    expect(hostnameOfHeader('Example.COM:8080')).toBe('example.com');
    expect(hostnameOfHeader('[::1]:80')).toBe('::1');
    expect(hostnameOfHeader('localhost.')).toBe('localhost');
    for (const bad of ['', ':80', 'a..b', 'a b', 'user@host', '[::1', '::1', 'host:port', '[not:v6]']) expect(hostnameOfHeader(bad), bad).toBeUndefined();
  });

  it('adds this machine\'s addresses and names only when listening on all interfaces', () => {
    const all = hostAllowlist({ listenHost: '0.0.0.0', machine });
    for (const host of ['192.168.1.20:8080', '[fe80::1]:8080', 'studio-mac', 'studio-mac.local']) expect(all.allows(host), host).toBe(true);
    const one = hostAllowlist({ listenHost: '192.168.1.20', machine });
    expect(one.allows('192.168.1.20')).toBe(true);
    expect(one.allows('studio-mac')).toBe(false);
    expect(hostAllowlist({ machine }).allows('192.168.1.20')).toBe(false);
  });

  it('never throws, and allows a name only with a port or none, never inside another', () => fc.assert(fc.property(
    fc.string(), fc.integer({ min: 0, max: 65535 }), fc.domain(), (junk, port, domain) => {
      const list = hostAllowlist({ allowedHosts: [domain] });
      expect(typeof list.allows(junk)).toBe('boolean');
      expect(list.allows(domain.toUpperCase())).toBe(true);
      expect(list.allows(`${domain}:${port}`)).toBe(true);
      expect(list.allows(`${domain}.attacker.example`)).toBe(false);
      expect(list.allows(`x${domain}`)).toBe(false);
    }), { seed: 19, numRuns: 300 }));
});
