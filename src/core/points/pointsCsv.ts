/**
 * Reading and writing 2D point sets as CSV, so students can bring their own
 * "real data" and take samples away to a spreadsheet.
 *
 * What the parser accepts:
 * - comma, semicolon or tab separators (the first line decides); with semicolons
 *   a decimal comma ("1,5;2") is read as a decimal point, as European spreadsheets write it;
 * - an optional header: a first row in which no cell is a number (e.g. `x,y`);
 * - which columns: if the header names columns `x` and `y`, those two are read (so a
 *   `kind,x,y` samples file loads too); otherwise the first two columns. Any other
 *   columns are ignored whatever they hold (labels, colours…), so only the two
 *   coordinate cells of each row are checked;
 * - CRLF or LF line ends, a byte-order mark, blank lines (skipped), cells wrapped in
 *   double quotes.
 * Row numbers in messages count every line from 1, as a spreadsheet shows them.
 */

export const MAX_POINT_ROWS = 100_000;

/**
 * Files above this size are refused before they are read: 100,000 rows of even
 * long numbers take under 5 MB, and reading a huge file would freeze the page.
 */
export const MAX_CSV_BYTES = 8 * 1024 * 1024;

/** Why a file of this many bytes is not read at all, or null when its size is fine. */
export function csvSizeProblem(bytes: number): string | null {
  if (bytes <= MAX_CSV_BYTES) return null;
  const mb = (n: number) => `${Number((n / (1024 * 1024)).toFixed(1))} MB`;
  return `The file is ${mb(bytes)}, more than the ${mb(MAX_CSV_BYTES)} this lab reads (about ${MAX_POINT_ROWS.toLocaleString('en')} rows). Please use a smaller sample of your points.`;
}

export class PointsCsvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PointsCsvError';
  }
}

type Separator = ',' | ';' | '\t';

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const NON_FINITE = /^[+-]?(nan|inf|infinity)$/i;

function detectSeparator(line: string): Separator {
  if (line.includes('\t')) return '\t';
  if (line.includes(';')) return ';';
  return ',';
}

function splitRow(line: string, separator: Separator): string[] {
  return line.split(separator).map((cell) => {
    const trimmed = cell.trim();
    return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1).trim() : trimmed;
  });
}

function normaliseNumber(cell: string, separator: Separator): string {
  return separator === ';' ? cell.replace(',', '.') : cell;
}

function looksNumeric(cell: string, separator: Separator): boolean {
  const c = normaliseNumber(cell, separator);
  return NUMBER.test(c) || NON_FINITE.test(c);
}

function columnName(index: number): string {
  // Spreadsheet letters too, since that is what students see: column 1 (A), column 27 (AA).
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return `column ${index + 1} (${letters})`;
}

function readCell(cell: string, row: number, col: number, separator: Separator): number {
  if (cell === '') throw new PointsCsvError(`Row ${row}, ${columnName(col)} is empty; every point needs an x and a y number.`);
  const c = normaliseNumber(cell, separator);
  if (NON_FINITE.test(c)) throw new PointsCsvError(`Row ${row}, ${columnName(col)} holds "${cell}", which is not a finite number. Only ordinary numbers can be plotted.`);
  if (!NUMBER.test(c)) throw new PointsCsvError(`Row ${row}, ${columnName(col)} holds "${cell}", which is not a number.`);
  const value = Number(c);
  if (!Number.isFinite(value)) throw new PointsCsvError(`Row ${row}, ${columnName(col)} holds "${cell}", which is too large to be a finite number.`);
  return value;
}

/** Parses CSV text into points (interleaved x, y); throws PointsCsvError saying what is wrong and where. */
export function parsePointsCsv(text: string): Float32Array {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const firstIndex = lines.findIndex((l) => l.trim() !== '');
  if (firstIndex < 0) throw new PointsCsvError('The file is empty. Expected rows of x, y numbers such as "0.5,1.2".');
  const separator = detectSeparator(lines[firstIndex]);
  const first = splitRow(lines[firstIndex], separator);
  if (first.length < 2) {
    throw new PointsCsvError(`Row ${firstIndex + 1} has only one column. Each row needs two columns, x and y, separated by commas, semicolons or tabs.`);
  }
  const hasHeader = !first.some((cell) => looksNumeric(cell, separator));
  let xCol = 0;
  let yCol = 1;
  if (hasHeader) {
    const names = first.map((c) => c.toLowerCase());
    if (names.includes('x') && names.includes('y')) {
      xCol = names.indexOf('x');
      yCol = names.indexOf('y');
    }
  }
  const needed = Math.max(xCol, yCol) + 1;
  const values: number[] = [];
  let rows = 0;
  for (let i = hasHeader ? firstIndex + 1 : firstIndex; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    const row = i + 1;
    const cells = splitRow(lines[i], separator);
    if (cells.length < needed) {
      throw new PointsCsvError(
        needed === 2
          ? `Row ${row} has only one column. Each row needs two columns, x and y.`
          : `Row ${row} has ${cells.length} columns, but the header puts x and y in columns ${xCol + 1} and ${yCol + 1}.`,
      );
    }
    if (++rows > MAX_POINT_ROWS) {
      throw new PointsCsvError(`The file has more than ${MAX_POINT_ROWS.toLocaleString('en')} data rows. Please use a smaller sample of your points.`);
    }
    values.push(readCell(cells[xCol], row, xCol, separator), readCell(cells[yCol], row, yCol, separator));
  }
  if (rows === 0) throw new PointsCsvError('The file has a header but no data rows. Add rows of x, y numbers below it.');
  return Float32Array.from(values);
}

// String() of a float32 value widened to a double gives the shortest text that reads back to the same float32.
const cell = (v: number) => String(v);

/** Points (interleaved x, y) as CSV with an `x,y` header. */
export function pointsToCsv(points: Float32Array): string {
  const lines = ['x,y'];
  for (let i = 0; i + 1 < points.length; i += 2) lines.push(`${cell(points[i])},${cell(points[i + 1])}`);
  return lines.join('\n') + '\n';
}

/** Real and generated samples in one table: `kind,x,y` where kind is `real` or `fake`. */
export function samplesToCsv(reals: Float32Array, fakes: Float32Array): string {
  const lines = ['kind,x,y'];
  for (let i = 0; i + 1 < reals.length; i += 2) lines.push(`real,${cell(reals[i])},${cell(reals[i + 1])}`);
  for (let i = 0; i + 1 < fakes.length; i += 2) lines.push(`fake,${cell(fakes[i])},${cell(fakes[i + 1])}`);
  return lines.join('\n') + '\n';
}
