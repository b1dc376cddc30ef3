/** Prints benchmark figures as a plain aligned text table (figures, not pass/fail). */
export function printTable(title: string, headers: string[], rows: (string | number)[][], notes: string[] = []): void {
  const cells = [headers, ...rows.map((row) => row.map(String))];
  const widths = headers.map((_, c) => Math.max(...cells.map((row) => (row[c] ?? '').length)));
  // Numbers read best right-aligned, labels left-aligned.
  const numeric = headers.map((_, c) => rows.length > 0 && rows.every((row) => /^[-+]?[\d.,]+(×|%| ?\/s)?$|^—$/.test(String(row[c] ?? ''))));
  const line = (row: string[]) => row.map((cell, c) => (numeric[c] ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd();
  console.log(`\n${title}`);
  console.log(line(headers));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of cells.slice(1)) console.log(line(row));
  for (const note of notes) console.log(`  ${note}`);
}

/** A rate with sensible precision: 1234 → "1,234", 12.34 → "12.3". */
export function formatRate(value: number): string {
  if (!Number.isFinite(value)) return '—';
  return value >= 100 ? Math.round(value).toLocaleString('en') : value.toFixed(1);
}
