import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clientIdFrom } from './client-id.ts';

describe('clientIdFrom', () => {
  it('spells Danish letters out and keeps the rest readable', () => {
    expect(clientIdFrom('Bageriet Sønderborg ApS', new Set())).toBe('bageriet-soenderborg-aps');
    expect(clientIdFrom('Klinik Lykke & Co.', new Set())).toBe('klinik-lykke-co');
    expect(clientIdFrom('Café Åbo', new Set())).toBe('cafe-aabo');
  });

  it('adds a number when the id is taken', () => {
    expect(clientIdFrom('Puls', new Set(['puls', 'puls-2']))).toBe('puls-3');
  });

  it('always gives a valid, untaken ledger id', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), fc.array(fc.string({ maxLength: 20 })), (name, taken) => {
      const id = clientIdFrom(name, new Set(taken));
      expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*(-\d+)?$/);
      expect(id.length).toBeLessThanOrEqual(70);
      expect(taken).not.toContain(id);
    }));
  });
});
