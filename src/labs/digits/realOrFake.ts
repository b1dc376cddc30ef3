/**
 * The "which is fake?" round: real digits and the generator's fakes dealt
 * into one shuffled grid (shuffled by a seed, so a round can be replayed), with
 * captions that say nothing until the answer is revealed.
 */
import { SeededRandom } from '../../core/shared/seededRandom';
import { IMAGE_PIXELS, IMAGE_SIZE } from '../../core/mnist/digitGanSettings';
import type { ImageBatch } from '../shared/imageGridPainter';

export interface QuizCell {
  source: 'real' | 'fake';
  /** Index into the real or the fake images. */
  index: number;
}

/** Real and fake cells in an order shuffled by `seed` (Fisher–Yates). */
export function quizOrder(realCount: number, fakeCount: number, seed: number): QuizCell[] {
  const cells: QuizCell[] = [
    ...Array.from({ length: realCount }, (_, index) => ({ source: 'real' as const, index })),
    ...Array.from({ length: fakeCount }, (_, index) => ({ source: 'fake' as const, index })),
  ];
  const rng = new SeededRandom(seed).fork(31);
  for (let i = cells.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [cells[i], cells[j]] = [cells[j], cells[i]];
  }
  return cells;
}

/** The cells' images in quiz order, as one batch for the image grid. */
export function quizBatch(order: readonly QuizCell[], real: Float32Array, fake: Float32Array): ImageBatch {
  const pixels = new Float32Array(order.length * IMAGE_PIXELS);
  order.forEach((cell, i) => {
    const from = cell.source === 'real' ? real : fake;
    pixels.set(from.subarray(cell.index * IMAGE_PIXELS, (cell.index + 1) * IMAGE_PIXELS), i * IMAGE_PIXELS);
  });
  return { pixels, count: order.length, height: IMAGE_SIZE, width: IMAGE_SIZE, channels: 1 };
}

/** Hidden: a number per cell, for the class to call out ("number 5 is fake!"). Revealed: the answer. */
export function quizCaptions(order: readonly QuizCell[], revealed: boolean): string[] {
  return order.map((cell, i) => (revealed ? (cell.source === 'real' ? 'real' : 'FAKE') : `#${i + 1}`));
}

/** Positions of the fakes, to outline once revealed. */
export function fakePositions(order: readonly QuizCell[]): Set<number> {
  return new Set(order.flatMap((cell, i) => (cell.source === 'fake' ? [i] : [])));
}
