import { describe, expect, it } from 'vitest';
import type { ClientId } from '../brand.ts';
import type { CurrencyCode } from '../money.ts';
import type { IsoDate, IsoInstant } from '../dates.ts';
import type { ClientView, InvoiceView } from './read-model.ts';
import { emptyNeeds, ViewUnit } from './view-unit.ts';

const c1 = 'c1' as ClientId;
const client = (clientId: string, name: string): ClientView => ({
  clientId: clientId as ClientId, name, locale: 'da', jurisdiction: null, currency: null, addedAt: '2026-03-01T09:00:00.000Z' as IsoInstant,
  paused: false, pausedAt: null, pauseReason: null, offboardedAt: null, offboardReason: null,
  registrationNumber: null, vatNumber: null, postalAddress: null, archivedAt: null, archiveReason: null, heldAt: null, heldUntil: null, holdReason: null, holdNote: null,
});
const invoice = (invoiceId: string, clientId: string, openMinor: number): InvoiceView => ({
  invoiceId, clientId: clientId as ClientId, number: invoiceId, issueDate: '2026-01-01' as IsoDate, dueDate: '2026-02-01' as IsoDate,
  currency: 'DKK' as CurrencyCode, totalMinor: 1000, creditedMinor: 0, paidMinor: 1000 - openMinor, openMinor, settledOn: null, lastPaidOn: null,
  issuedAt: '2026-01-01T09:00:00.000Z' as IsoInstant,
});

describe('ViewUnit', () => {
  it('starts with nothing needed', () => {
    const needs = emptyNeeds();
    expect(Object.values(needs.keys).every((keys) => keys.size === 0)).toBe(true);
    expect(needs.openInvoicesOf.size).toBe(0);
  });

  it('reports as changed only what the batch put, not what was loaded', () => {
    const unit = new ViewUnit();
    unit.load('client', [client('c1', 'Loaded')]);
    unit.put('client', client('c2', 'New'));
    expect(unit.get('client', 'c1')?.name).toBe('Loaded');
    expect(unit.changes().client).toEqual([client('c2', 'New')]);
    expect(unit.changes().invoice).toEqual([]);
  });

  it('keeps a record the batch changed when an older copy is loaded afterwards', () => {
    const unit = new ViewUnit();
    unit.put('client', client('c1', 'Renamed'));
    unit.load('client', [client('c1', 'Stale')]);
    expect(unit.get('client', 'c1')?.name).toBe('Renamed');
  });

  it('reports a record changed twice once, in its latest form', () => {
    const unit = new ViewUnit();
    unit.put('client', client('c1', 'First'));
    unit.put('client', client('c1', 'Second'));
    expect(unit.changes().client).toEqual([client('c1', 'Second')]);
  });

  it('lists only a client\'s invoices with something still to pay, loaded or put', () => {
    const unit = new ViewUnit();
    unit.load('invoice', [invoice('inv-open', 'c1', 500), invoice('inv-paid', 'c1', 0), invoice('inv-other', 'c2', 500)]);
    unit.put('invoice', invoice('inv-new', 'c1', 1000));
    unit.put('invoice', invoice('inv-open', 'c1', -10));
    expect(unit.openInvoicesOf(c1).map((i) => i.invoiceId).sort()).toEqual(['inv-new']);
    expect(unit.openInvoicesOf('c9' as ClientId)).toEqual([]);
  });

  it('marks the workspace changed only when it is set', () => {
    const unit = new ViewUnit();
    expect(unit.workspaceChanged).toBe(false);
    unit.setWorkspace({ name: 'S', currency: 'DKK' as CurrencyCode, locale: 'da', timezone: 'Europe/Copenhagen', jurisdiction: 'DK',
      targetRateMinor: 1, targetRateCurrency: 'DKK' as CurrencyCode, configuredAt: '2026-03-01T09:00:00.000Z' as IsoInstant, rules: {} });
    expect(unit.workspaceChanged).toBe(true);
    expect(unit.workspace?.name).toBe('S');
  });
});
