/**
 * Training curves as CSV, for every lab: one row per recorded metric point, one column per
 * named value, an empty cell where a metric does not apply (null or missing). Non-finite
 * values are written as NaN / Infinity so a diverged run stays visible.
 */

/** A column: a field of the point by name, or a named value read from it (for nested scores). */
export type MetricColumn<P> = (keyof P & string) | { name: string; value(point: P): number | null | undefined };

const columnName = <P>(c: MetricColumn<P>): string => (typeof c === 'string' ? c : c.name);

function cell<P>(point: P, c: MetricColumn<P>): string {
  const v = typeof c === 'string' ? point[c] : c.value(point);
  return v === null || v === undefined ? '' : String(v);
}

export function metricsToCsv<P>(points: readonly P[], columns: readonly MetricColumn<P>[]): string {
  const lines = [columns.map(columnName).join(',')];
  for (const p of points) lines.push(columns.map((c) => cell(p, c)).join(','));
  return lines.join('\n') + '\n';
}
