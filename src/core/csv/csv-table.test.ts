import { describe, expect, it } from 'vitest';
import { describeProblem, detectSeparator } from './csv-table.ts';

describe('detectSeparator', () => {
  it.each([
    ['type;client;date;amount', ';'],
    ['type,client,date,amount', ','],
    ['type\tclient\tdate', '\t'],
    ['Type;Kunde;"Beløb, i alt";Valuta', ';'],
    ['type,"a;b;c",amount', ','],
  ])('finds the separator of %j', (header, separator) => {
    expect(detectSeparator(header)).toBe(separator);
  });

  it.each(['type', 'type;client,date', '"a;b,c"', ''])('cannot tell from %j', (header) => {
    expect(detectSeparator(header)).toBeUndefined();
  });
});

describe('describeProblem', () => {
  it('names the line and the column', () => {
    expect(describeProblem({ file: 'a.csv', line: 7, column: 'amount', reason: "'12,3x' is not an amount" })).toBe("line 7, column amount: '12,3x' is not an amount");
    expect(describeProblem({ file: 'a.csv', line: 2, reason: 'too many fields' })).toBe('line 2: too many fields');
  });
});
