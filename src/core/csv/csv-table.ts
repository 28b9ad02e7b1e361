// A CSV file after it has been split into fields (by csv-parse, in src/app): what the pure
// mapping in this folder works on. Line numbers are those of the file as the user sees it.

export const csvSeparators = [';', ',', '\t'] as const;
export type CsvSeparator = (typeof csvSeparators)[number];

export interface CsvRecord {
  /** Line on which the record starts (1-based); a quoted field may run over several lines. */
  readonly line: number;
  readonly fields: readonly string[];
}

export interface CsvTable {
  /** The file's name, as the user gave it: only ever shown back to them. */
  readonly file: string;
  readonly separator: CsvSeparator;
  readonly header: CsvRecord;
  readonly records: readonly CsvRecord[];
}

/** A problem with one place of an input file: `line 7, column amount: '12,3x' is not an amount`. */
export interface CsvProblem {
  readonly file: string;
  readonly line: number;
  /** The column as its header names it in the file; absent when the whole line (or file) is at fault. */
  readonly column?: string;
  readonly reason: string;
}

/** `line 7, column amount: '12,3x' is not an amount` (without the file's name). */
export function describeProblem(problem: CsvProblem): string {
  return `line ${problem.line}${problem.column === undefined ? '' : `, column ${problem.column}`}: ${problem.reason}`;
}

/**
 * The column separator of a file, from its header line: the one of `;`, `,` and tab that occurs
 * most often outside quotes. Undefined when none occurs or two occur equally often.
 * @example detectSeparator('Type;Kunde;"Beløb, i alt"') === ';'
 */
export function detectSeparator(headerLine: string): CsvSeparator | undefined {
  const counts = new Map<CsvSeparator, number>(csvSeparators.map((sep) => [sep, 0]));
  let quoted = false;
  for (const char of headerLine) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && counts.has(char as CsvSeparator)) counts.set(char as CsvSeparator, (counts.get(char as CsvSeparator) ?? 0) + 1);
  }
  const ranked = [...counts].sort((a, b) => b[1] - a[1]);
  const [first, second] = ranked as [[CsvSeparator, number], [CsvSeparator, number]];
  return first[1] > 0 && first[1] > second[1] ? first[0] : undefined;
}
