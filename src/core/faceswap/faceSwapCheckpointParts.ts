/**
 * The face-swap checkpoint's smaller pieces (faceSwapCheckpoint.ts): checking a
 * score summary read from JSON, and rebuilding a snapshot's preview grid from the
 * file's 8-bit pictures.
 */
import { PREVIEW_ROWS, type PreviewRow, type SwapPreview } from './swapPreview';
import type { DirectionScores, SwapScoreSummary } from './swapScoreSummary';

const DIRECTION_FIELDS: readonly (keyof DirectionScores)[] = [
  'calledTarget', 'realCalledTarget', 'factorError', 'factorErrorReal', 'factorErrorUnrelated', 'digitKept', 'thicknessLikeTarget',
];

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** What is wrong with a score summary (`what` names it in the message), or null. */
export function summaryProblem(raw: unknown, what: string): string | null {
  if (!isRecord(raw)) return `its ${what} are missing`;
  if (!Number.isInteger(raw.step) || (raw.step as number) < 0 || !Number.isInteger(raw.count) || (raw.count as number) < 1) return `its ${what} lack a step or picture count`;
  for (const dir of ['ab', 'ba'] as const) {
    const d = raw[dir];
    if (!isRecord(d)) return `its ${what} lack the ${dir === 'ab' ? 'A→B' : 'B→A'} direction`;
    // A fraction or an error may be NaN (JSON null) only where the measurement does not apply.
    for (const f of DIRECTION_FIELDS) if (d[f] !== null && !finite(d[f])) return `its ${what} have a ${f} that is not a number`;
    if (!finite(d.calledTarget) || !finite(d.realCalledTarget)) return `its ${what} lack the identity scores`;
  }
  const r = raw.reconstruction;
  if (!isRecord(r) || !finite(r.a) || !finite(r.b)) return `its ${what} lack the reconstruction errors`;
  return null;
}

/** A checked copy of a summary read from JSON, null for JSON null; `fail` throws the reason. */
export function scoresOrNull(raw: unknown, what: string, fail: (why: string) => never): SwapScoreSummary | null {
  if (raw === null) return null;
  const problem = summaryProblem(raw, what.replace(/^its /, ''));
  if (problem) fail(problem);
  const s = raw as SwapScoreSummary;
  const direction = (d: DirectionScores) => Object.fromEntries(DIRECTION_FIELDS.map((f) => [f, d[f]])) as unknown as DirectionScores;
  return { step: s.step, count: s.count, ab: direction(s.ab), ba: direction(s.ba), reconstruction: { a: s.reconstruction.a, b: s.reconstruction.b } };
}

export interface PreviewLayout {
  count: number;
  imageSize: number;
  channels: 1 | 3;
  /** The rows stored per snapshot, in order; any row not among them comes from `sources` (A then B). */
  rows: readonly PreviewRow[];
}

/** Snapshot i's preview from the file's 0–255 values (display values k/255). */
export function previewOf(previews: Float32Array, sources: Float32Array | null, i: number, layout: PreviewLayout): SwapPreview {
  const { count, imageSize, channels, rows } = layout;
  const rowSize = count * imageSize * imageSize * channels;
  const unit = (data: Float32Array, at: number) => Float32Array.from(data.subarray(at, at + rowSize), (v) => v / 255);
  const out = {} as Record<PreviewRow, Float32Array>;
  for (const row of PREVIEW_ROWS) {
    const k = rows.indexOf(row);
    out[row] = k >= 0 ? unit(previews, (i * rows.length + k) * rowSize) : unit(sources!, (row === 'a' ? 0 : 1) * rowSize);
  }
  return { count, imageSize, channels, rows: out };
}
