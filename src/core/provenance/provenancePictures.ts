/**
 * The pictures the provenance lab signs and marks: the project's invented cartoon faces (the
 * face-swap lab's own renderer, core/toyfaces) and MNIST digits (from core/mnist's digit set),
 * both drawn at 128×128 in colour. Nothing here is a real face.
 */
import { SeededRandom } from '../shared/seededRandom';
import { sampleFactors } from '../toyfaces/faceFactors';
import { TOY_FACE_IDENTITIES } from '../toyfaces/toyFaceIdentities';
import { renderToyFace } from '../toyfaces/toyFaceRenderer';
import { createPicture, type RgbaPicture } from './picture';

export const PICTURE_SIZE = 128;

type Rgb = [number, number, number];

/** Which character and expression a seed draws: the characters in turn, the expression and pose from the seed. */
export function toyFaceChoice(seed: number): { identity: string; name: string } {
  const id = TOY_FACE_IDENTITIES[((Math.trunc(seed) % TOY_FACE_IDENTITIES.length) + TOY_FACE_IDENTITIES.length) % TOY_FACE_IDENTITIES.length];
  return { identity: id.id, name: id.name };
}

/**
 * A toy face, different for every seed: one of the project's characters (in turn) with its
 * expression, gaze, head position, tilt and brows drawn from the seed, by the same renderer
 * the face-swap lab trains on.
 */
export function toyFacePicture(seed: number, size = PICTURE_SIZE): RgbaPicture {
  if (!Number.isInteger(size) || size < 16 || size > 1024) throw new RangeError(`A toy face is 16–1024 pixels wide (got ${size}).`);
  if (!Number.isFinite(seed)) throw new RangeError(`A toy face's seed is a whole number (got ${seed}).`);
  const id = TOY_FACE_IDENTITIES.find((f) => f.id === toyFaceChoice(seed).identity)!;
  const factors = sampleFactors(new SeededRandom(Math.trunc(seed)));
  const rgb = renderToyFace(id, factors, size, 3);
  const picture = createPicture(size, size);
  for (let p = 0; p < size * size; p++) {
    for (let c = 0; c < 3; c++) picture.data[p * 4 + c] = Math.round((rgb[p * 3 + c] + 1) * 127.5);
    picture.data[p * 4 + 3] = 255;
  }
  return picture;
}

/**
 * A 28×28 grey digit (0 paper … 255 ink, row-major, as core/mnist stores it) drawn at
 * size×size: bilinearly enlarged, dark blue ink on cream paper (never pure black or white).
 */
export function digitPicture(digit: ArrayLike<number>, rows = 28, cols = 28, size = PICTURE_SIZE): RgbaPicture {
  if (digit.length !== rows * cols) throw new RangeError(`A digit of ${rows}×${cols} has ${rows * cols} grey levels (got ${digit.length}).`);
  if (!Number.isInteger(size) || size < 8 || size > 1024) throw new RangeError(`A digit picture is 8–1024 pixels wide (got ${size}).`);
  const paper: Rgb = [232, 226, 212];
  const ink: Rgb = [28, 42, 96];
  const out = createPicture(size, size);
  for (let y = 0; y < size; y++) {
    const sy = Math.min(rows - 1, Math.max(0, ((y + 0.5) * rows) / size - 0.5));
    const y0 = Math.floor(sy);
    const y1 = Math.min(rows - 1, y0 + 1);
    const fy = sy - y0;
    for (let x = 0; x < size; x++) {
      const sx = Math.min(cols - 1, Math.max(0, ((x + 0.5) * cols) / size - 0.5));
      const x0 = Math.floor(sx);
      const x1 = Math.min(cols - 1, x0 + 1);
      const fx = sx - x0;
      const v = ((1 - fy) * ((1 - fx) * digit[y0 * cols + x0] + fx * digit[y0 * cols + x1]) + fy * ((1 - fx) * digit[y1 * cols + x0] + fx * digit[y1 * cols + x1])) / 255;
      const i = (y * size + x) * 4;
      for (let c = 0; c < 3; c++) out.data[i + c] = Math.round(paper[c] + v * (ink[c] - paper[c]));
    }
  }
  return out;
}
