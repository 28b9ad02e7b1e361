import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { eventTypes, type EventType } from './events.ts';
import { parseEvent, parseEventLine, type ParseResult } from './parse-event.ts';

const dkk = (amount: string) => ({ amount, currency: 'DKK' });

// One valid `data` per event type of LEDGER.md; typed as a Record so a new type without an example does not compile.
const validData: Record<EventType, Record<string, unknown>> = {
  'workspace.configured': { name: 'Studio Nord', currency: 'DKK', locale: 'da', timezone: 'Europe/Copenhagen', jurisdiction: 'DK', targetHourlyRate: dkk('650.00') },
  'workspace.rules': { rules: { latePayer: { graceDays: 5 }, controlling: { trivialChars: 25, fullApprovalTimeShare: 0.3 } } },
  'client.added': {
    clientId: 'c1', name: 'Bageriet ApS', locale: 'da', jurisdiction: 'DK', currency: 'DKK', contacts: [{ name: 'Kim', email: 'kim@bageriet.example' }],
    registrationNumber: '12345678', vatNumber: 'DK12345678', postalAddress: 'Perlegade 1\n6400 Sønderborg',
  },
  'client.updated': { clientId: 'c1', name: 'Bageriet Sønderborg ApS', currency: null, contacts: [{ name: 'Mette', email: 'mette@bageriet.example' }] },
  'client.archived': { clientId: 'c1', reason: 'added by mistake' },
  'client.restored': { clientId: 'c1' },
  'escalation.held': { clientId: 'c1', until: '2026-04-01', reason: 'promise', note: 'promised on the phone to pay by April 1st' },
  'escalation.released': { clientId: 'c1', reason: 'paid' },
  'contract.amended': { contractId: 'k1', effectiveDate: '2026-06-01', paymentTerms: { dueDayOfMonth: 1 }, reminderFees: true, note: 'new terms from June' },
  'contract.signed': {
    contractId: 'k1', clientId: 'c1', startDate: '2026-01-01', networks: ['instagram', 'facebook', 'linkedin'],
    fee: { amount: '8000.00', currency: 'DKK', cycle: 'monthly' }, paymentTerms: { netDays: 14 }, feedbackDays: 3,
    approval: { mode: 'batch', windowDays: 5, deemedApproval: true }, stopWorkAfterDays: 30, lateInterest: 'statutory', reminderFees: true,
  },
  'contract.ended': { contractId: 'k1', endDate: '2026-12-31', reason: 'client moved on' },
  'deliverable.created': {
    deliverableId: 'd1', clientId: 'c1', network: 'instagram', title: 'Spring campaign',
    caption: 'Spring is here 🌷', plannedFor: '2026-03-20', mediaUrl: 'https://cdn.studio.example/spring.jpg',
  },
  'deliverable.revised': { deliverableId: 'd1', round: 1, changeChars: 240, requestedBy: 'client' },
  'deliverable.published': { deliverableId: 'd1' },
  'request.sent': { requestId: 'r1', clientId: 'c1', kind: 'feedback', subject: 'Content plan for April', dueDate: '2026-03-05', deliverableId: 'd1' },
  'request.answered': { requestId: 'r1', channel: 'email', verdict: 'approved' },
  'request.withdrawn': { requestId: 'r1', reason: 'no longer needed' },
  'access.granted': { clientId: 'c1', network: 'instagram', account: '@bageriet', level: 'full' },
  'access.revoked': { clientId: 'c1', network: 'instagram', account: '@bageriet' },
  'access.handedOver': { clientId: 'c1', network: 'instagram', account: '@bageriet', confirmedBy: 'Kim' },
  'invoice.issued': { invoiceId: 'inv1', clientId: 'c1', number: '2026-001', issueDate: '2026-03-01', dueDate: '2026-03-15', total: dkk('1250.00') },
  'invoice.credited': { invoiceId: 'inv1', amount: dkk('250.00'), reason: 'one post fewer' },
  'payment.received': { paymentId: 'p1', clientId: 'c1', date: '2026-03-14', amount: dkk('1000.00'), invoiceIds: ['inv1'] },
  'message.sent': { messageId: 'm1', clientId: 'c1', channel: 'email', subject: 'Reminder', requestId: 'r1' },
  'message.received': { messageId: 'm2', clientId: 'c1', channel: 'email', subject: 'Re: Reminder', inReplyTo: 'm1', requestId: 'r1' },
  'time.logged': { clientId: 'c1', date: '2026-03-02', minutes: 90, kind: 'chasing' },
  'incident.noted': { clientId: 'c1', severity: 'high', summary: 'Shouted at on the phone' },
  'work.paused': { clientId: 'c1', reason: 'invoice 2026-001 is 30 days overdue' },
  'work.resumed': { clientId: 'c1', reason: 'paid' },
  'offboarding.started': { clientId: 'c1', reason: 'payment', note: 'three invoices late in a row' },
  'offboarding.stepSkipped': { clientId: 'c1', step: 'final-invoice', reason: 'everything is billed already' },
  'access.handoverApproved': { clientId: 'c1', reason: 'agreed instalments with the owner', by: 'anna@studio.example' },
  'client.offboarded': { clientId: 'c1', reason: 'walked away' },
  'portal.viewed': { clientId: 'c1', linkId: 'pl_1' },
};

const envelope = (type: string, data: unknown, over: Record<string, unknown> = {}) =>
  ({ id: 'evt_1', type, at: '2026-03-01T09:00:00Z', data, ...over });

const issued = (data: Record<string, unknown> = {}, over: Record<string, unknown> = {}) =>
  envelope('invoice.issued', { ...validData['invoice.issued'], ...data }, over);

function reasonOf(result: ParseResult): string {
  if (result.ok) throw new Error(`expected a rejection, got ${JSON.stringify(result.event)}`);
  return result.reason;
}
const reasonFor = (value: unknown) => reasonOf(parseEventLine(JSON.stringify(value)));

describe('parseEvent', () => {
  it('has an example for every event type of the ledger format', () => {
    expect(Object.keys(validData).sort()).toEqual([...eventTypes].sort());
  });

  it.each(eventTypes)('accepts a valid %s event', (type) => {
    const result = parseEventLine(JSON.stringify(envelope(type, validData[type])));
    expect(result).toEqual({ ok: true, event: { id: 'evt_1', type, at: '2026-03-01T09:00:00.000Z', data: validData[type] } });
  });

  it('accepts an exported event with its chain fields, keeping only the fact', () => {
    const result = parseEvent(issued({}, { seq: 7, recordedAt: '2026-03-01T09:00:01.000Z', prevHash: 'a'.repeat(64), hash: 'b'.repeat(64) }));
    expect(result).toEqual({ ok: true, event: { id: 'evt_1', type: 'invoice.issued', at: '2026-03-01T09:00:00.000Z', data: validData['invoice.issued'] } });
  });

  it('accepts late interest as "none" or as a contractual rate', () => {
    for (const lateInterest of ['none', { ratePct: '8.05' }, { ratePct: 8 }]) {
      expect(parseEvent(envelope('contract.signed', { ...validData['contract.signed'], lateInterest })).ok).toBe(true);
    }
  });

  describe('rejects a bad line with a reason that names the problem', () => {
    it('invalid JSON', () => {
      expect(reasonOf(parseEventLine('{"id":"evt_1",'))).toMatch(/^invalid JSON/);
    });

    it.each(['[1,2]', '"invoice.issued"', '42', 'null'])('not an object: %s', (line) => {
      expect(reasonOf(parseEventLine(line))).toMatch(/expected a JSON object/);
    });

    it('an unknown event type', () => {
      expect(reasonFor(envelope('invoice.paid', {}))).toBe('type: unknown event type "invoice.paid"');
    });

    it('a type that is only inherited by every object', () => {
      expect(reasonFor(envelope('toString', {}))).toMatch(/^type: unknown event type/);
    });

    it('a missing required field, by its path', () => {
      const { dueDate: _dueDate, ...data } = validData['invoice.issued'];
      expect(reasonFor(envelope('invoice.issued', data))).toMatch(/^invoice\.issued: data\.dueDate: /);
    });

    it('a missing envelope field', () => {
      const { at: _at, ...event } = issued();
      expect(reasonFor(event)).toMatch(/^at: /);
    });

    it('data that is not an object', () => {
      expect(reasonFor(envelope('invoice.issued', ['inv1']))).toMatch(/^data: must be an object/);
    });

    it('money written as a JSON number', () => {
      const line = JSON.stringify(issued()).replace('"amount":"1250.00"', '"amount":1250.5');
      expect(line).toContain('"amount":1250.5');
      expect(reasonOf(parseEventLine(line))).toMatch(/data\.total\.amount: amounts are decimal strings/);
    });

    it('an amount with more decimals than the currency has', () => {
      expect(reasonFor(issued({ total: dkk('1250.505') }))).toMatch(/data\.total\.amount: "1250\.505" is not an exact amount in DKK/);
    });

    it('an amount of zero where a positive one is required', () => {
      expect(reasonFor(issued({ total: dkk('0.00') }))).toMatch(/data\.total\.amount: must be greater than zero/);
    });

    it('an unknown currency', () => {
      expect(reasonFor(issued({ total: { amount: '1250.00', currency: 'XYZ' } }))).toMatch(/data\.total\.currency: not an ISO 4217 currency code/);
    });

    it('an impossible date', () => {
      expect(reasonFor(issued({ dueDate: '2026-02-30' }))).toMatch(/data\.dueDate: "2026-02-30" is not a date/);
    });

    it('an instant without offset', () => {
      expect(reasonFor(issued({}, { at: '2026-03-01T09:00:00' }))).toMatch(/^at: "2026-03-01T09:00:00" is not an RFC 3339 instant/);
    });

    it('an unknown extra field in data', () => {
      expect(reasonFor(issued({ discount: '10%' }))).toMatch(/^invoice\.issued: data: .*"discount"/);
    });

    it('an unknown extra field in the envelope', () => {
      expect(reasonFor(issued({}, { author: 'me' }))).toMatch(/"author"/);
    });

    it('an unknown extra field inside money', () => {
      expect(reasonFor(issued({ total: { ...dkk('1.00'), vat: '0.25' } }))).toMatch(/data\.total: .*"vat"/);
    });

    it('a contract whose late interest is none of the allowed forms', () => {
      expect(reasonFor(envelope('contract.signed', { ...validData['contract.signed'], lateInterest: 'eight percent' })))
        .toMatch(/data\.lateInterest: must be "statutory", "none" or \{"ratePct": "8\.00"\}/);
    });

    it('an id with whitespace', () => {
      expect(reasonFor(issued({}, { id: 'evt 1' }))).toMatch(/^id: must not contain whitespace/);
    });

    it('offboarding for "other" reasons without the reason in words', () => {
      expect(reasonFor(envelope('offboarding.started', { clientId: 'c1', reason: 'other' }))).toMatch(/note: reason "other" needs the reason in words/);
      expect(reasonFor(envelope('offboarding.started', { clientId: 'c1', reason: 'other', note: '  ' }))).toMatch(/note/);
      expect(parseEvent(envelope('offboarding.started', { clientId: 'c1', reason: 'other', note: 'we are moving on' })).ok).toBe(true);
    });

    it('a skipped offboarding step that is not one of the checklist\'s', () => {
      expect(reasonFor(envelope('offboarding.stepSkipped', { clientId: 'c1', step: 'reason', reason: 'no' }))).toMatch(/data\.step: Invalid option/);
    });
  });

  describe('refuses text the database would not store as hashed (#19 F1), naming the path', () => {
    it.each([
      ['a lone surrogate in the id', envelope('deliverable.published', { deliverableId: 'd1' }, { id: 'x\udc00y' }), 'id: contains a lone surrogate (U+DC00) at character 2'],
      ['a lone surrogate in data', envelope('client.added', { ...validData['client.added'], contacts: [{ name: 'K\ud800', email: 'k@x.example' }] }),
        'data.contacts.0.name: contains a lone surrogate (U+D800) at character 2'],
      ['NUL in a name', envelope('client.added', { ...validData['client.added'], name: 'Bageriet\u0000' }), 'data.name: contains NUL (U+0000) at character 9'],
      ['ESC in a subject', envelope('request.sent', { ...validData['request.sent'], subject: '\u001b[31mred' }), 'data.subject: contains a control character (U+001B) at character 1'],
      ['an ill-formed key', envelope('deliverable.published', { ['d\udc00']: 'd1' }), 'data: the key "d\\udc00" contains a lone surrogate (U+DC00) at character 2'],
      ['an ill-formed top-level key', { ...envelope('deliverable.published', { deliverableId: 'd1' }), ['\u0000']: 1 }, 'the key "\\u0000" contains NUL (U+0000) at character 1'],
    ])('%s', (_what, value, reason) => {
      expect(reasonOf(parseEvent(value))).toBe(reason);
      // Through a JSON line as well: JSON.parse turns "\udc00" escapes back into the lone surrogate.
      expect(reasonFor(value)).toBe(reason);
    });

    it('keeps tabs and line breaks in free text', () => {
      const result = parseEvent(envelope('incident.noted', { clientId: 'c1', severity: 'low', summary: 'line one\r\n\tline two' }));
      expect(result.ok).toBe(true);
    });
  });

  describe('accepts only the dates every part of the product works on, 1970-01-01 to 2199-12-31 (#19 F2)', () => {
    it.each(['0001-01-02', '0000-01-01', '9999-12-31', '1969-12-31', '2200-01-01'])('refuses a due date of %s and says the range', (dueDate) => {
      expect(reasonOf(parseEvent(envelope('request.sent', { ...validData['request.sent'], dueDate }))))
        .toBe(`request.sent: data.dueDate: ${dueDate} is outside the dates Firmly supports (1970-01-01 to 2199-12-31)`);
    });

    it.each(['1970-01-01', '2199-12-31'])('accepts the first and the last day, %s', (dueDate) => {
      expect(parseEvent(envelope('request.sent', { ...validData['request.sent'], dueDate })).ok).toBe(true);
    });

    it.each(['0001-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '1969-12-31T23:59:59.999Z', '2200-01-01T00:00:00Z'])('refuses an instant of %s', (at) => {
      expect(reasonOf(parseEvent(envelope('deliverable.published', { deliverableId: 'd1' }, { at })))).toMatch(/^at: .* is outside the dates Firmly supports \(1970-01-01 to 2199-12-31, UTC\)$/);
    });

    it('accepts an instant whose offset brings it into the range', () => {
      const result = parseEvent(envelope('deliverable.published', { deliverableId: 'd1' }, { at: '1969-12-31T23:30:00-01:00' }));
      expect(result.ok && result.event.at).toBe('1970-01-01T00:30:00.000Z');
    });
  });

  describe('normalises what it accepts', () => {
    it('writes amounts with exactly the currency\'s minor digits', () => {
      const result = parseEvent(issued({ total: dkk('1250.5') }));
      expect(result.ok && result.event.type === 'invoice.issued' && result.event.data.total).toEqual(dkk('1250.50'));
    });

    it('writes a fee with the currency\'s minor digits and keeps its cycle', () => {
      const result = parseEvent(envelope('contract.signed', { ...validData['contract.signed'], fee: { amount: '8000', currency: 'DKK', cycle: 'once' } }));
      expect(result.ok && result.event.type === 'contract.signed' && result.event.data.fee).toEqual({ amount: '8000.00', currency: 'DKK', cycle: 'once' });
    });

    it('turns an instant with an offset into UTC', () => {
      const result = parseEvent(issued({}, { at: '2026-03-01T10:00:00+01:00' }));
      expect(result.ok && result.event.at).toBe('2026-03-01T09:00:00.000Z');
    });

    it('writes a contractual rate given as a number as text', () => {
      const result = parseEvent(envelope('contract.signed', { ...validData['contract.signed'], lateInterest: { ratePct: 8.05 } }));
      expect(result.ok && result.event.type === 'contract.signed' && result.event.data.lateInterest).toEqual({ ratePct: '8.05' });
    });

    it('trims text fields', () => {
      const result = parseEvent(issued({ number: '  2026-001 ' }));
      expect(result.ok && result.event.type === 'invoice.issued' && result.event.data.number).toBe('2026-001');
    });

    const pad = (n: number, width: number) => String(n).padStart(width, '0');
    const validIssued = fc.record({
      id: fc.stringMatching(/^[A-Za-z0-9_.:-]{1,40}$/),
      at: fc.record({
        y: fc.integer({ min: 1970, max: 2100 }), mo: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }),
        h: fc.integer({ min: 0, max: 23 }), mi: fc.integer({ min: 0, max: 59 }),
        fraction: fc.constantFrom('', '.5', '.120', '.999', '.123000'),
        zone: fc.constantFrom('Z', 'z', '+01:00', '-05:30', '+14:00', '-00:00'),
      }).map((t) => `${t.y}-${pad(t.mo, 2)}-${pad(t.d, 2)}T${pad(t.h, 2)}:${pad(t.mi, 2)}:07${t.fraction}${t.zone}`),
      invoiceId: fc.stringMatching(/^[a-z0-9_-]{1,20}$/),
      clientId: fc.stringMatching(/^[a-z0-9_-]{1,20}$/),
      number: fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim().length > 0),
      issueDate: fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
      days: fc.integer({ min: 0, max: 90 }),
      currency: fc.constantFrom('DKK', 'EUR', 'JPY', 'KWD'),
      units: fc.integer({ min: 1, max: 10_000_000 }),
      fraction: fc.constantFrom('', '.0', '.5', '.05', '.250', '.1'),
      leadingZeros: fc.constantFrom('', '0', '00'),
    }).map((r) => {
      const fraction = r.currency === 'JPY' ? '' : r.currency === 'KWD' ? r.fraction : r.fraction.slice(0, 3);
      const dueDate = new Date(Date.parse(r.issueDate) + r.days * 86_400_000).toISOString().slice(0, 10);
      return {
        id: r.id, type: 'invoice.issued', at: r.at,
        data: { invoiceId: r.invoiceId, clientId: r.clientId, number: r.number, issueDate: r.issueDate, dueDate,
          total: { amount: `${r.leadingZeros}${r.units}${fraction}`, currency: r.currency } },
      };
    });

    it('gives back the same event when its own output is parsed again', () => fc.assert(fc.property(validIssued, (raw) => {
      const first = parseEvent(raw);
      if (!first.ok) throw new Error(`generated event rejected: ${first.reason}`);
      const again = parseEvent(JSON.parse(JSON.stringify(first.event)));
      expect(again).toEqual(first);
    }), { numRuns: 300 }));
  });
});
