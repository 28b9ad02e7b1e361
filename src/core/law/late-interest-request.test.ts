import { describe, expect, it } from 'vitest';
import { FirmlyError } from '../errors.ts';
import { parseLateInterestRequest } from './late-interest-request.ts';

const good = { jurisdiction: 'DK', principal: '25000.00', currency: 'DKK', dueDate: '2025-05-31', paidDate: '2025-08-29' };

function issuesOf(input: unknown): string[] {
  try {
    parseLateInterestRequest(input);
  } catch (error) {
    if (error instanceof FirmlyError && error.code === 'input.invalid') return (error.details.issues as { field: string }[]).map((i) => i.field);
    throw error;
  }
  throw new Error('expected the request to be refused');
}

describe('parseLateInterestRequest', () => {
  it('turns a good request into the engine input', () => {
    expect(parseLateInterestRequest({ ...good, dayCount: '30e360', ratePct: '8', govUkDailyRounding: false, locale: 'da' })).toEqual({
      jurisdiction: 'DK', principal: { minor: 2500000, currency: 'DKK' }, dueDate: '2025-05-31', paidDate: '2025-08-29',
      dayCount: '30e360', contractualRatePct: '8', locale: 'da',
    });
  });

  it.each([
    ['an unknown jurisdiction', { jurisdiction: 'FR' }, ['jurisdiction']],
    ['an amount with too many decimals', { principal: '1.234' }, ['principal']],
    ['a negative amount', { principal: '-5.00' }, ['principal']],
    ['a number for an amount', { principal: 25000 }, ['principal']],
    ['an unknown currency', { currency: 'XYZ' }, ['currency']],
    ['an impossible date', { dueDate: '2025-02-30' }, ['dueDate']],
    ['an unknown day count', { dayCount: 'act360' }, ['dayCount']],
    ['a rate that is not a percentage', { ratePct: '8%' }, ['ratePct']],
    ['gov.uk rounding outside GB', { govUkDailyRounding: true }, ['govUkDailyRounding']],
    ['a claim arising after its due date', { claimArose: '2025-06-01' }, ['claimArose']],
    ['an unknown field', { interest: 'yes' }, ['(request)']],
  ])('refuses %s, naming the field', (_, change, fields) => {
    expect(issuesOf({ ...good, ...change })).toEqual(fields);
  });

  it('names every bad field at once', () => {
    expect(issuesOf({ ...good, dueDate: 'tomorrow', paidDate: 'later' })).toEqual(['dueDate', 'paidDate']);
  });
});
