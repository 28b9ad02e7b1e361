import { describe, expect, it } from 'vitest';
import { lawData, parseLawData, rawLawData, statutoryJurisdictions } from './law-data.ts';

type Row = Record<string, unknown>;
interface Data { jurisdictions: Record<string, { rates: Row[] }> }

/** The shipped data with one change, to see the check catch it. */
function broken(change: (data: Data) => void): unknown {
  const copy = structuredClone(rawLawData) as Data;
  change(copy);
  return copy;
}
const row = (data: Data, code: string, i: number): Row => data.jurisdictions[code]?.rates[i] as Row;

describe('the law data (data/rates.json)', () => {
  it('loads with a rate table, margins and a fixed compensation for every jurisdiction', () => {
    for (const code of statutoryJurisdictions) {
      expect(lawData[code].rates.length).toBeGreaterThan(0);
      expect(lawData[code].margins.length).toBeGreaterThan(0);
      expect(lawData[code].fixedCompensation.bands.length).toBeGreaterThan(0);
    }
    expect(lawData.DK.reminderFees).toMatchObject({ maxFeeBearingReminders: 3, minDaysBetweenFeeBearingReminders: 10 });
  });

  it('keeps a source and a grade on every rate row', () => {
    for (const code of statutoryJurisdictions) {
      for (const row of lawData[code].rates) {
        expect(row.source.length).toBeGreaterThan(0);
        expect(['A', 'B', 'C', 'D', 'U']).toContain(row.grade);
      }
    }
  });

  it.each<[string, (data: Data) => void, RegExp]>([
    ['a rate that does not add up', (d) => { row(d, 'DK', 5).statutoryRate = '9.99'; }, /DK\.rates\[5\].*is not referenceRate/],
    ['a row that does not start a half-year', (d) => { row(d, 'EU', 3).from = '2014-08-01'; }, /EU\.rates\[3\].*1 January or 1 July/],
    ['rows out of order', (d) => { d.jurisdictions.DE?.rates.reverse(); }, /DE\.rates\[1\].*ascending/],
    ['a rate given as a JSON number', (d) => { row(d, 'GB', 0).referenceRate = 0.5; }, /GB\.rates\.0\.referenceRate/],
    ['an unknown rate not marked U', (d) => { Object.assign(row(d, 'DK', 2), { referenceRate: null, statutoryRate: null }); }, /grade U/],
    ['a GB row with the wrong reference date', (d) => { row(d, 'GB', 4).referenceDate = '2015-01-01'; }, /GB\.rates\[4\].*referenceDate/],
    ['a missing source', (d) => { delete row(d, 'DE', 0).source; }, /DE\.rates\.0\.source/],
  ])('rejects %s, naming the row', (_, change, message) => {
    expect(() => parseLawData(broken(change))).toThrow(message);
  });
});
