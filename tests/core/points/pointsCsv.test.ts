import { describe, expect, it } from 'vitest';
import { MAX_CSV_BYTES, MAX_POINT_ROWS, PointsCsvError, csvSizeProblem, parsePointsCsv, pointsToCsv, samplesToCsv } from '../../../src/core/points/pointsCsv';
import { SeededRandom } from '../../../src/core/shared/seededRandom';

const parsed = (text: string) => Array.from(parsePointsCsv(text));

function refusal(text: string): PointsCsvError {
  try {
    parsePointsCsv(text);
  } catch (error) {
    expect(error).toBeInstanceOf(PointsCsvError);
    expect(error).toBeInstanceOf(Error);
    return error as PointsCsvError;
  }
  throw new Error(`expected a PointsCsvError for ${JSON.stringify(text.slice(0, 40))}`);
}

describe('parsePointsCsv accepts', () => {
  it('plain x,y rows', () => {
    expect(parsed('1,2\n-0.5,3.25\n')).toEqual([1, 2, -0.5, 3.25]);
  });

  it('a header row, CRLF line ends and blank trailing lines', () => {
    expect(parsed('x,y\r\n1,2\r\n3,4\r\n\r\n\r\n')).toEqual([1, 2, 3, 4]);
  });

  it('semicolon and tab separators, spaces around cells, quotes, exponents', () => {
    expect(parsed('x;y\n1.5;2\n')).toEqual([1.5, 2]);
    expect(parsed('1\t2\n3\t-4e-1\n')).toEqual([1, 2, 3, Math.fround(-0.4)]);
    expect(parsed(' "1" , 2 \n+3,.5')).toEqual([1, 2, 3, 0.5]);
  });

  it('decimal commas when semicolons separate the cells', () => {
    expect(parsed('x;y\n1,5;-2,25\n')).toEqual([1.5, -2.25]);
  });

  it('a byte-order mark and blank lines in the middle', () => {
    expect(parsed('\uFEFFx,y\n1,2\n\n3,4')).toEqual([1, 2, 3, 4]);
  });

  it('extra columns, ignored whatever they hold', () => {
    expect(parsed('x,y,label\n1,2,red\n3,4,\n')).toEqual([1, 2, 3, 4]);
  });

  it('x and y columns named anywhere in the header', () => {
    expect(parsed('kind,y,x\nreal,2,1\nfake,4,3\n')).toEqual([1, 2, 3, 4]);
  });
});

describe('parsePointsCsv refuses, naming the problem', () => {
  it('an empty file', () => {
    expect(refusal('').message).toMatch(/empty/);
    expect(refusal(' \n\r\n ').message).toMatch(/empty/);
  });

  it('fewer than two columns', () => {
    expect(refusal('x\n1\n2\n').message).toMatch(/Row 1 has only one column/);
    expect(refusal('1,2\n3\n').message).toMatch(/Row 2 has only one column/);
  });

  it('a non-numeric cell, with its spreadsheet row and column', () => {
    const error = refusal('x,y\n1,2\n3,abc\n');
    expect(error.message).toMatch(/Row 3, column 2 \(B\) holds "abc", which is not a number/);
    expect(refusal('1,2\n\n4x,5').message).toMatch(/Row 3, column 1 \(A\)/);
    expect(refusal('1,2\n3,\n').message).toMatch(/Row 2, column 2 \(B\) is empty/);
    expect(refusal('1,2\n3,1.2.3\n').message).toMatch(/"1.2.3", which is not a number/);
  });

  it('a first row with a number next to text (not a header: no silent data loss)', () => {
    expect(refusal('1,abc\n2,3\n').message).toMatch(/Row 1, column 2 \(B\) holds "abc"/);
  });

  it('NaN and ±Infinity', () => {
    expect(refusal('x,y\n1,NaN\n').message).toMatch(/Row 2, column 2 \(B\) holds "NaN", which is not a finite number/);
    expect(refusal('Infinity,1\n').message).toMatch(/Row 1, column 1 \(A\) holds "Infinity", which is not a finite number/);
    expect(refusal('1,2\n-inf,1\n').message).toMatch(/not a finite number/);
    expect(refusal('1,2\n1e999,1\n').message).toMatch(/Row 2, column 1 \(A\) holds "1e999", which is too large/);
  });

  it('more than 100,000 data rows', () => {
    const rows = new Array(MAX_POINT_ROWS + 1).fill('0.1,0.2');
    expect(refusal(`x,y\n${rows.join('\n')}`).message).toMatch(/more than 100,000 data rows/);
    expect(parsePointsCsv(`x,y\n${rows.slice(1).join('\n')}`).length).toBe(2 * MAX_POINT_ROWS);
  });

  it('a header without data rows', () => {
    expect(refusal('x,y\n\n').message).toMatch(/no data rows/);
  });

  it('rows too short for the header\'s x and y columns', () => {
    expect(refusal('kind,x,y\nreal,1\n').message).toMatch(/Row 2 has 2 columns, but the header puts x and y in columns 2 and 3/);
  });
});

describe('writing CSV', () => {
  const points = new SeededRandom(3).fillNormal(new Float32Array(200), 3);

  it('pointsToCsv round-trips exactly through parsePointsCsv', () => {
    const text = pointsToCsv(points);
    expect(text.split('\n')[0]).toBe('x,y');
    expect(Array.from(parsePointsCsv(text))).toEqual(Array.from(points));
  });

  it('samplesToCsv labels real and fake rows, and its x, y columns parse back', () => {
    const reals = points.slice(0, 6);
    const fakes = points.slice(6, 10);
    const text = samplesToCsv(reals, fakes);
    const lines = text.trim().split('\n');
    expect(lines[0]).toBe('kind,x,y');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['real', 'real', 'real', 'fake', 'fake']);
    expect(Array.from(parsePointsCsv(text))).toEqual([...reals, ...fakes]);
  });

  it('writes an empty point set as just the header', () => {
    expect(pointsToCsv(new Float32Array(0))).toBe('x,y\n');
  });
});

describe('csvSizeProblem', () => {
  it('lets through any file that can hold the allowed rows', () => {
    // 100,000 rows of long numbers with a label column, as a samples export writes them.
    const longRow = 'fake,-0.12345678901234567,0.12345678901234567\n';
    expect(csvSizeProblem(longRow.length * MAX_POINT_ROWS)).toBeNull();
    expect(csvSizeProblem(0)).toBeNull();
    expect(csvSizeProblem(MAX_CSV_BYTES)).toBeNull();
  });

  it('refuses a bigger file before it is read, saying how big it is and what the limit is', () => {
    expect(csvSizeProblem(MAX_CSV_BYTES + 1)).toMatch(/^The file is 8 MB, more than the 8 MB this lab reads/);
    expect(csvSizeProblem(300 * 1024 * 1024)).toMatch(/^The file is 300 MB, more than the 8 MB this lab reads \(about 100,000 rows\)\. Please use a smaller sample/);
  });
});
