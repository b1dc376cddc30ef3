import { describe, expect, it } from 'vitest';
import { FACTOR_COUNT, FACTOR_NAMES, NEUTRAL_FACTORS, factorProblems, factorsFromArray, factorsToArray, sampleFactors, type FaceFactors } from '../../../src/core/toyfaces/faceFactors';
import { TOY_FACE_IDENTITIES, findIdentity, identityOrThrow } from '../../../src/core/toyfaces/toyFaceIdentities';
import {
  BACKGROUND, MAX_HEAD_SHIFT, MAX_TILT_DEGREES, faceLayout, faceToPixel, featureMask, renderToyFace, renderToyFaces,
} from '../../../src/core/toyfaces/toyFaceRenderer';
import { SeededRandom } from '../../../src/core/shared/seededRandom';

const SIZE = 32;
const juno = identityOrThrow('juno');
const face = (f: Partial<FaceFactors>, id = juno, channels: 1 | 3 = 3) => renderToyFace(id, { ...NEUTRAL_FACTORS, ...f }, SIZE, channels);

/** Pixels (x, y) where any channel differs by more than a rounding error. */
function changedPixels(a: Float32Array, b: Float32Array, channels = 3): [number, number][] {
  const out: [number, number][] = [];
  for (let p = 0; p < SIZE * SIZE; p++) {
    let differs = false;
    for (let c = 0; c < channels; c++) if (Math.abs(a[p * channels + c] - b[p * channels + c]) > 1e-5) differs = true;
    if (differs) out.push([p % SIZE, Math.floor(p / SIZE)]);
  }
  return out;
}

/** A box in pixels around a region given in face units (pose applied), widened by one pixel for antialiasing. */
function pixelBox(f: FaceFactors, u0: number, v0: number, u1: number, v1: number) {
  const pose = faceLayout(juno, f).pose;
  const corners = [[u0, v0], [u1, v0], [u0, v1], [u1, v1]].map(([u, v]) => faceToPixel(pose, u, v, SIZE));
  return {
    x0: Math.min(...corners.map((c) => c[0])) - 1,
    x1: Math.max(...corners.map((c) => c[0])) + 1,
    y0: Math.min(...corners.map((c) => c[1])) - 1,
    y1: Math.max(...corners.map((c) => c[1])) + 1,
  };
}
const inBox = (b: ReturnType<typeof pixelBox>) => ([x, y]: [number, number]) => x + 1 > b.x0 && x < b.x1 && y + 1 > b.y0 && y < b.y1;

type Box = { x0: number; x1: number; y0: number; y1: number };
const darkness = (img: Float32Array, at: number) => 1 - (img[at] + img[at + 1] + img[at + 2] + 3) / 6;

/** Weighted centroid (pixel centres) of the pixels in a box that pass `keep`: where the dark parts sit, by default. */
function darkCentroid(img: Float32Array, b: Box, weight = darkness, keep = (_x: number, _y: number) => true): [number, number] {
  let w = 0;
  let x = 0;
  let y = 0;
  for (let py = Math.max(0, Math.floor(b.y0)); py < Math.min(SIZE, Math.ceil(b.y1)); py++) {
    for (let px = Math.max(0, Math.floor(b.x0)); px < Math.min(SIZE, Math.ceil(b.x1)); px++) {
      if (!keep(px, py)) continue;
      const darkness = weight(img, (py * SIZE + px) * 3);
      w += darkness;
      x += darkness * (px + 0.5);
      y += darkness * (py + 0.5);
    }
  }
  return [x / w, y / w];
}

describe('face factors', () => {
  it('samples every factor in [-1, 1], reproducibly, and round-trips through arrays', () => {
    const a = Array.from({ length: 200 }, () => sampleFactors(new SeededRandom(3)));
    expect(a[0]).toEqual(a[1]);
    const rng = new SeededRandom(4);
    const many = Array.from({ length: 500 }, () => sampleFactors(rng));
    for (const name of FACTOR_NAMES) {
      const values = many.map((f) => f[name]);
      expect(Math.min(...values)).toBeGreaterThanOrEqual(-1);
      expect(Math.max(...values)).toBeLessThanOrEqual(1);
      expect(Math.max(...values) - Math.min(...values)).toBeGreaterThan(1.8);
    }
    expect(factorsFromArray(factorsToArray(many[7]))).toEqual(factorsFromArray(Float32Array.from(FACTOR_NAMES.map((n) => many[7][n]))));
    expect(factorsToArray(many[7]).length).toBe(FACTOR_COUNT);
    expect(factorProblems(many[7])).toEqual([]);
    expect(factorProblems({ ...many[7], smile: 2, gazeX: NaN })).toEqual(['smile must be between -1 and 1', 'gazeX must be a number']);
  });
});

describe('toy face renderer', () => {
  it('draws size×size×channels values in [-1, 1], the same every time, grey as the colour picture\'s luminance', () => {
    const f = sampleFactors(new SeededRandom(1));
    const colour = renderToyFace(juno, f, SIZE, 3);
    expect(colour.length).toBe(SIZE * SIZE * 3);
    expect(renderToyFace(juno, f, SIZE, 3)).toEqual(colour);
    expect(Math.min(...colour)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...colour)).toBeLessThanOrEqual(1);
    const grey = renderToyFace(juno, f, SIZE, 1);
    expect(grey.length).toBe(SIZE * SIZE);
    for (let p = 0; p < SIZE * SIZE; p += 7) {
      const [r, g, b] = [0, 1, 2].map((c) => colour[p * 3 + c]);
      expect(grey[p]).toBeCloseTo(0.299 * r + 0.587 * g + 0.114 * b, 5);
    }
    // The corner is background, the centre is not.
    expect(Array.from(colour.subarray(0, 3))).toEqual(BACKGROUND.map((c) => expect.closeTo(2 * c - 1, 5)));
    const centre = ((SIZE / 2) * SIZE + SIZE / 2) * 3;
    expect(Math.abs(colour[centre] - (2 * BACKGROUND[0] - 1))).toBeGreaterThan(0.1);
  });

  it('draws several faces in a row from packed factors', () => {
    const rng = new SeededRandom(2);
    const fs = [sampleFactors(rng), sampleFactors(rng)];
    const packed = new Float32Array(2 * FACTOR_COUNT);
    fs.forEach((f, i) => factorsToArray(f, packed, i * FACTOR_COUNT));
    const both = renderToyFaces(juno, packed, SIZE, 3);
    expect(both.subarray(SIZE * SIZE * 3)).toEqual(renderToyFace(juno, factorsFromArray(packed, FACTOR_COUNT), SIZE, 3));
    expect(() => renderToyFaces(juno, new Float32Array(5), SIZE)).toThrow(/multiple of 8/);
  });

  it('gives every character a clearly different face for the same factors', () => {
    const f = sampleFactors(new SeededRandom(5));
    const faces = TOY_FACE_IDENTITIES.map((id) => renderToyFace(id, f, SIZE, 1));
    for (let i = 0; i < faces.length; i++) {
      for (let j = i + 1; j < faces.length; j++) {
        const meanAbs = faces[i].reduce((s, v, k) => s + Math.abs(v - faces[j][k]), 0) / faces[i].length;
        expect(meanAbs, `${TOY_FACE_IDENTITIES[i].id} vs ${TOY_FACE_IDENTITIES[j].id}`).toBeGreaterThan(0.08);
      }
    }
    expect(new Set(TOY_FACE_IDENTITIES.map((f) => f.id)).size).toBe(TOY_FACE_IDENTITIES.length);
    expect(findIdentity('nobody')).toBeUndefined();
    expect(() => identityOrThrow('nobody')).toThrow(/no toy face called "nobody"/);
  });

  it('changes only the mouth for a wider smile: nothing at or above the eyes', () => {
    const frown = face({ smile: -1 });
    const smile = face({ smile: 1 });
    const changed = changedPixels(frown, smile);
    expect(changed.length).toBeGreaterThan(15);
    const layout = faceLayout(juno, { ...NEUTRAL_FACTORS, smile: 1 });
    const eyeRow = faceToPixel(layout.pose, 0, layout.eyes[0].y + layout.eyes[0].ry, SIZE)[1];
    expect(Math.min(...changed.map(([, y]) => y))).toBeGreaterThan(eyeRow);
    const m = juno.mouth;
    const reach = m.halfWidth * 1.15 + m.thickness;
    const box = pixelBox(NEUTRAL_FACTORS, -reach, m.y - 0.2 - m.thickness, reach, m.y + 0.2 + m.thickness);
    expect(changed.every(inBox(box))).toBe(true);
    // The smile lifts the corners above the middle; the frown drops them below.
    // Where the lips sit in one column: pixels weighted by how far their colour is from the skin's.
    const lipness = (img: Float32Array, at: number) => juno.skin.reduce((s, c, k) => s + Math.abs(img[at + k] - (2 * c - 1)), 0);
    const lipRow = (img: Float32Array, x: number) => darkCentroid(img, { x0: x, x1: x + 1, y0: box.y0, y1: box.y1 }, lipness)[1];
    const [cornerX] = faceToPixel(layout.pose, -m.halfWidth * 0.8, m.y, SIZE);
    expect(lipRow(smile, Math.floor(cornerX))).toBeLessThan(lipRow(smile, SIZE / 2) - 1);
    expect(lipRow(frown, Math.floor(cornerX))).toBeGreaterThan(lipRow(frown, SIZE / 2) + 1);
  });

  it('moves the pupils only for the gaze, in the gaze\'s direction', () => {
    for (const [axis, key] of [[0, 'gazeX'], [1, 'gazeY']] as const) {
      const low = face({ [key]: -1 });
      const high = face({ [key]: 1 });
      const changed = changedPixels(low, high);
      expect(changed.length, key).toBeGreaterThan(6);
      const layout = faceLayout(juno, NEUTRAL_FACTORS);
      const eyes = layout.eyes.map((e) => pixelBox(NEUTRAL_FACTORS, e.x - e.rx, e.y - e.ry, e.x + e.rx, e.y + e.ry));
      expect(changed.every((p) => eyes.some((box) => inBox(box)(p))), key).toBe(true);
      layout.eyes.forEach((e, i) => {
        expect(changed.some(inBox(eyes[i])), key).toBe(true);
        // Inside the eye's opening (head upright and centred, so pixel → face units is a plain scaling).
        const inside = (px: number, py: number) => ((((px + 0.5) * 2) / SIZE - 1 - e.x) / e.rx) ** 2 + ((((py + 0.5) * 2) / SIZE - 1 - e.y) / e.ry) ** 2 < 0.8;
        const shift = darkCentroid(high, eyes[i], darkness, inside)[axis] - darkCentroid(low, eyes[i], darkness, inside)[axis];
        expect(shift, key).toBeGreaterThan(0.5);
      });
    }
  });

  it('opens the eyes wider within the eyes only, showing more white', () => {
    const shut = face({ eyeOpen: -1 });
    const open = face({ eyeOpen: 1 });
    const changed = changedPixels(shut, open);
    const layout = faceLayout(juno, { ...NEUTRAL_FACTORS, eyeOpen: 1 });
    const boxes = layout.eyes.map((e) => pixelBox(NEUTRAL_FACTORS, e.x - e.rx - 0.03, e.y - e.ry - 0.03, e.x + e.rx + 0.03, e.y + e.ry + 0.03));
    expect(changed.length).toBeGreaterThan(20);
    expect(changed.every((p) => boxes.some((b) => inBox(b)(p)))).toBe(true);
    // Open, the eyes show their whites where the shut lids show skin.
    const white = (img: Float32Array) => changed.filter(([x, y]) => [0, 1, 2].every((c) => img[(y * SIZE + x) * 3 + c] > 0.6)).length;
    expect(white(shut)).toBe(0);
    expect(white(open)).toBeGreaterThanOrEqual(6);
  });

  it('raises the brows above the eyes only', () => {
    const low = face({ brows: -1 });
    const high = face({ brows: 1 });
    const changed = changedPixels(low, high);
    expect(changed.length).toBeGreaterThan(10);
    // Above the top of the eyes as they are open in both pictures.
    const eye = faceLayout(juno, NEUTRAL_FACTORS).eyes[0];
    const eyeTop = faceToPixel(faceLayout(juno, NEUTRAL_FACTORS).pose, 0, eye.y - eye.ry, SIZE)[1];
    expect(Math.max(...changed.map(([, y]) => y))).toBeLessThan(eyeTop);
    const box = { x0: Math.min(...changed.map(([x]) => x)), x1: Math.max(...changed.map(([x]) => x)) + 1, y0: Math.min(...changed.map(([, y]) => y)), y1: eyeTop };
    expect(darkCentroid(high, box)[1]).toBeLessThan(darkCentroid(low, box)[1] - 0.5);
  });

  it('moves and tilts the whole head', () => {
    const centroid = (img: Float32Array) => {
      // Centroid of every pixel that is not background.
      let w = 0;
      let x = 0;
      let y = 0;
      for (let p = 0; p < SIZE * SIZE; p++) {
        const off = BACKGROUND.some((c, k) => Math.abs(img[p * 3 + k] - (2 * c - 1)) > 0.05) ? 1 : 0;
        w += off;
        x += off * (p % SIZE);
        y += off * Math.floor(p / SIZE);
      }
      return [x / w, y / w];
    };
    const [x0, y0] = centroid(face({}));
    const [x1] = centroid(face({ headX: 1 }));
    const [, y1] = centroid(face({ headY: 1 }));
    expect(x1 - x0).toBeCloseTo((MAX_HEAD_SHIFT.x * SIZE) / 2, 0);
    expect(y1 - y0).toBeCloseTo((MAX_HEAD_SHIFT.y * SIZE) / 2, 0);
    // Tilted clockwise (on screen, y down), the right eye sits lower than the left.
    const tilted = face({ tilt: 1 });
    const layout = faceLayout(juno, { ...NEUTRAL_FACTORS, tilt: 1 });
    const boxes = layout.eyes.map((e) => pixelBox({ ...NEUTRAL_FACTORS, tilt: 1 }, e.x - e.rx, e.y - e.ry, e.x + e.rx, e.y + e.ry));
    const [left, right] = boxes.map((b) => darkCentroid(tilted, b)[1]);
    const expectedDrop = (2 * juno.eyes.spacing * Math.sin((MAX_TILT_DEGREES * Math.PI) / 180) * SIZE) / 2;
    expect(right - left).toBeGreaterThan(expectedDrop * 0.6);
    expect(right - left).toBeLessThan(expectedDrop * 1.4);
  });

  it('masks where the expression shows: every pixel any expression factor changes, and little else', () => {
    const rng = new SeededRandom(8);
    for (const id of TOY_FACE_IDENTITIES) {
      for (let k = 0; k < 5; k++) {
        const pose = { ...sampleFactors(rng) };
        const mask = featureMask(id, pose, SIZE);
        const covered = mask.reduce((a, b) => a + b, 0);
        expect(covered, id.id).toBeGreaterThan(SIZE * SIZE * 0.08);
        expect(covered, id.id).toBeLessThan(SIZE * SIZE * 0.4);
        // Change every expression factor, keep the head where it is: all changed pixels are masked.
        for (const name of ['smile', 'eyeOpen', 'gazeX', 'gazeY', 'brows'] as const) {
          const changed = changedPixels(renderToyFace(id, { ...pose, [name]: -1 }, SIZE, 3), renderToyFace(id, { ...pose, [name]: 1 }, SIZE, 3));
          expect(changed.every(([x, y]) => mask[y * SIZE + x] === 1), `${id.id} ${name}`).toBe(true);
        }
      }
    }
  });
});
