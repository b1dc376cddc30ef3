/**
 * Draws a toy face (an identity from toyFaceIdentities.ts posed by the factors
 * of faceFactors.ts) into a Float32Array: pure arithmetic, no canvas, so it runs
 * the same in Node, in a worker and in the page.
 *
 * Each part is a shape with an (approximate) signed distance d in face units;
 * its coverage of a pixel is clamp(½ − d / pixel, 0, 1), which antialiases
 * edges, and parts are painted back to front: background, hair behind the
 * head, ears, face, cheeks, nose, mouth, eyes, brows, hair in front.
 * Each factor moves only its own part: the mouth's curve, the eyes' aperture,
 * the irises inside the aperture, the brows; the head's position and tilt
 * move everything.
 *
 * Pixels are row-major, channels last (NHWC, like the tensors), in [-1, 1].
 */
import { FACTOR_COUNT, factorsFromArray, type FaceFactors } from './faceFactors';
import type { Rgb, ToyFaceIdentity } from './toyFaceIdentities';

/** Largest head shift (face units; the image spans [-1, 1]) and tilt at factor ±1. */
export const MAX_HEAD_SHIFT = { x: 0.12, y: 0.08 };
export const MAX_TILT_DEGREES = 12;
/** Brow raise at brows = ±1, and the mouth's curve (middle to corners) at smile = ±1. */
export const MAX_BROW_RAISE = 0.07;
export const MAX_MOUTH_CURVE = 0.24;
/** Eye aperture (fraction of the identity's open eye height) at eyeOpen = −1 and +1. */
export const EYE_APERTURE = { min: 0.15, max: 1 };

export type Channels = 1 | 3;

export const BACKGROUND: Rgb = [0.55, 0.68, 0.78];
const EYE_WHITE: Rgb = [0.97, 0.97, 0.95];
const PUPIL: Rgb = [0.05, 0.05, 0.07];
const LINE: Rgb = [0.12, 0.1, 0.1];
const LUMA: Rgb = [0.299, 0.587, 0.114];

/** Where the head sits: its centre's shift and its tilt (radians, clockwise on screen). */
export interface HeadPose {
  x: number;
  y: number;
  angle: number;
}

export function headPose(f: FaceFactors): HeadPose {
  return { x: f.headX * MAX_HEAD_SHIFT.x, y: f.headY * MAX_HEAD_SHIFT.y, angle: (f.tilt * MAX_TILT_DEGREES * Math.PI) / 180 };
}

/** Face units → pixel coordinates (x right, y down; pixel k spans [k, k + 1)) in a size×size image. */
export function faceToPixel(pose: HeadPose, u: number, v: number, size: number): [number, number] {
  const c = Math.cos(pose.angle);
  const s = Math.sin(pose.angle);
  const x = c * u - s * v + pose.x;
  const y = s * u + c * v + pose.y;
  return [((x + 1) * size) / 2, ((y + 1) * size) / 2];
}

export interface EyeLayout {
  /** Centre (face units). */
  x: number;
  y: number;
  /** Half-width of the eye, and half-height of its opening between the lids (set by eyeOpen). */
  rx: number;
  ry: number;
  /** Iris centre, moved by the gaze. */
  irisX: number;
  irisY: number;
}

/** Where each part sits for an identity and a set of factors, in face units (before the head's pose). */
export interface FaceLayout {
  pose: HeadPose;
  eyes: [EyeLayout, EyeLayout];
  /** Each brow: centre, half-length, arch and inner-end dip (face units). */
  brows: { x: number; y: number; halfLength: number; arch: number; dip: number; side: -1 | 1 }[];
  mouth: { x: number; y: number; halfWidth: number; curve: number };
  /** The hair's front edge never comes lower than this, so the brows always show. */
  fringeY: number;
}

export function faceLayout(id: ToyFaceIdentity, f: FaceFactors): FaceLayout {
  const { eyes, brows, mouth } = id;
  const aperture = EYE_APERTURE.min + ((EYE_APERTURE.max - EYE_APERTURE.min) * (f.eyeOpen + 1)) / 2;
  const irisDx = f.gazeX * (eyes.rx - 0.75 * eyes.irisRadius);
  const irisDy = f.gazeY * 0.7 * eyes.ry;
  const eye = (side: -1 | 1): EyeLayout => ({
    x: side * eyes.spacing,
    y: eyes.y,
    rx: eyes.rx,
    ry: eyes.ry * aperture,
    irisX: side * eyes.spacing + irisDx,
    irisY: eyes.y + irisDy,
  });
  // The brows' lowest reach (lowered, inner end dipped) just clears the open eye; their highest stays below the fringe.
  const browRest = eyes.y - eyes.ry - 0.16;
  const browY = browRest - f.brows * MAX_BROW_RAISE;
  const arch = 0.03 + 0.03 * Math.max(f.brows, 0);
  const dip = 0.045 * Math.max(-f.brows, 0);
  const highestBrowTop = browRest - MAX_BROW_RAISE - 0.06 - brows.thickness / 2;
  return {
    pose: headPose(f),
    eyes: [eye(-1), eye(1)],
    brows: ([-1, 1] as const).map((side) => ({ x: side * eyes.spacing, y: browY, halfLength: brows.halfLength, arch, dip, side })),
    mouth: { x: 0, y: mouth.y, halfWidth: mouth.halfWidth * (1 + 0.15 * f.smile), curve: f.smile * MAX_MOUTH_CURVE },
    fringeY: highestBrowTop - 0.04,
  };
}

// ---- signed distances (face units, negative inside) ----

/** First-order distance to an axis-aligned ellipse centred at the origin. */
function ellipseDistance(x: number, y: number, rx: number, ry: number): number {
  const kx = x / rx;
  const ky = y / ry;
  const k = Math.sqrt(kx * kx + ky * ky);
  const g = Math.sqrt((kx / rx) ** 2 + (ky / ry) ** 2);
  return g < 1e-9 ? -Math.min(rx, ry) : (k * (k - 1)) / g;
}

function circleDistance(x: number, y: number, r: number): number {
  return Math.sqrt(x * x + y * y) - r;
}

/** Distance to the segment (ax, ay)–(bx, by) minus a half-thickness: a capsule. */
function capsuleDistance(x: number, y: number, ax: number, ay: number, bx: number, by: number, halfThickness: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - ax - t * dx, y - ay - t * dy) - halfThickness;
}

/**
 * A stroke along y = cy + a·t² + b·t for t = x − cx in [−half, half], with round ends: the distance
 * to the curve's nearest point (a few Newton steps from t = x − cx, kept within the ends) minus a half-thickness.
 */
function curveStrokeDistance(x: number, y: number, cx: number, cy: number, half: number, a: number, b: number, halfThickness: number): number {
  const px = x - cx;
  const py = y - cy;
  let t = Math.max(-half, Math.min(half, px));
  for (let k = 0; k < 4; k++) {
    const f = a * t * t + b * t - py;
    const slope = 2 * a * t + b;
    const g = t - px + f * slope;
    const gp = 1 + slope * slope + 2 * a * f;
    if (gp <= 1e-9) break;
    t = Math.max(-half, Math.min(half, t - g / gp));
  }
  return Math.hypot(t - px, a * t * t + b * t - py) - halfThickness;
}

/** The face outline: a superellipse whose lower half narrows towards the chin. */
function faceLevel(id: ToyFaceIdentity, u: number, v: number): number {
  const { rx, ry, squareness: n, jaw, y } = id.face;
  const dv = (v - y) / ry;
  const narrow = dv > 0 ? 1 - jaw * dv * dv : 1;
  const du = u / (rx * Math.max(narrow, 0.05));
  if (n === 2) return Math.sqrt(du * du + dv * dv) - 1;
  return (Math.abs(du) ** n + Math.abs(dv) ** n) ** (1 / n) - 1;
}

/** Distance from a level function's value and a finite-difference gradient. */
function levelDistance(level: (u: number, v: number) => number, u: number, v: number): number {
  const h = 1e-3;
  const f = level(u, v);
  const gx = (level(u + h, v) - f) / h;
  const gy = (level(u, v + h) - f) / h;
  const g = Math.sqrt(gx * gx + gy * gy);
  return g < 1e-9 ? f : f / g;
}

/** A triangle wave in [0, 1] with period 1. */
const triangle = (t: number) => 1 - 2 * Math.abs(t - Math.floor(t) - 0.5);

// ---- hair ----

function hairBehind(id: ToyFaceIdentity, u: number, v: number): number {
  const { rx, ry, y } = id.face;
  switch (id.hair.style) {
    case 'bob':
      return Math.max(ellipseDistance(u, v - (y - 0.06), rx * 1.16, ry * 1.04), v - (y + 0.35 * ry));
    case 'long': {
      const top = ellipseDistance(u, v - (y - 0.04), rx * 1.2, ry * 1.08);
      const fall = Math.max(Math.abs(u) - rx * 1.12, y - v);
      return Math.min(top, fall);
    }
    default:
      return Infinity;
  }
}

function hairInFront(id: ToyFaceIdentity, layout: FaceLayout, u: number, v: number): number {
  const { rx, ry, y } = id.face;
  const edge = layout.fringeY;
  switch (id.hair.style) {
    case 'bob':
      return Math.max(ellipseDistance(u, v - (y - 0.03), rx * 1.08, ry * 1.07), v - edge);
    case 'long':
      // A fringe swept down towards the right, still clear of the brows.
      return Math.max(ellipseDistance(u, v - (y - 0.03), rx * 1.08, ry * 1.07), v - (edge - 0.08 + (0.1 * u) / rx));
    case 'spiky': {
      const angle = Math.atan2(v - y, u);
      const spikes = v < y ? 1 + 0.2 * triangle((angle * 9) / Math.PI) : 1;
      const k = Math.hypot(u / (rx * 1.12), (v - y) / (ry * 1.1));
      return Math.max((k - spikes) * Math.min(rx, ry), v - (edge + 0.06 * triangle(u * 4)));
    }
    default:
      return Infinity;
  }
}

// ---- painting ----

const coverage = (d: number, pixel: number) => {
  const a = 0.5 - d / pixel;
  return a <= 0 ? 0 : a >= 1 ? 1 : a;
};

const shade = (c: Rgb, k: number): Rgb => [c[0] * k, c[1] * k, c[2] * k];

/**
 * Draws one face into `out` at `offset`: size·size·channels values in [-1, 1]
 * (channels 1 is the luminance of the colour picture).
 */
export function renderToyFace(
  id: ToyFaceIdentity,
  factors: FaceFactors,
  size: number,
  channels: Channels = 3,
  out: Float32Array = new Float32Array(size * size * channels),
  offset = 0,
): Float32Array {
  const layout = faceLayout(id, factors);
  const { pose } = layout;
  const cos = Math.cos(pose.angle);
  const sin = Math.sin(pose.angle);
  const pixel = 2 / size;
  const skin = id.skin;
  const earColour = shade(skin, 0.85);
  const outline = shade(skin, 0.5);
  const noseColour = shade(skin, 0.78);
  const face = (u: number, v: number) => faceLevel(id, u, v);
  const earY = id.face.y - 0.02;
  const earX = id.face.rx * 0.98;
  const blushY = id.mouth.y - 0.16;
  const blushX = id.eyes.spacing + 0.06;
  const { mouth } = layout;
  const mouthA = -mouth.curve / (mouth.halfWidth * mouth.halfWidth);
  const mouthCy = mouth.y + mouth.curve / 2;
  const nose = id.nose;
  // Bounding reaches (face units) beyond which a part cannot touch a pixel, antialiasing included.
  const margin = pixel + 0.03;
  const faceBox = { x: id.face.rx + margin, y: id.face.ry + margin };
  const noseReach = 2 * nose.size + 0.05 + margin;
  const mouthReach = { x: mouth.halfWidth + id.mouth.thickness / 2 + margin, y: Math.abs(mouth.curve) / 2 + id.mouth.thickness / 2 + margin };
  const eyeReach = { x: id.eyes.rx + margin, y: id.eyes.ry + margin };
  const brow0 = layout.brows[0];
  const browReach = { x: brow0.halfLength + id.brows.thickness / 2 + margin, y: brow0.arch + brow0.dip + id.brows.thickness / 2 + margin };
  let r = 0;
  let g = 0;
  let b = 0;
  const paint = (c: Rgb, alpha: number) => {
    if (alpha <= 0) return;
    r += (c[0] - r) * alpha;
    g += (c[1] - g) * alpha;
    b += (c[2] - b) * alpha;
  };
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      // Pixel centre in image units, then into the face's own frame (undo shift, then tilt).
      const x = ((px + 0.5) * 2) / size - 1 - pose.x;
      const y = ((py + 0.5) * 2) / size - 1 - pose.y;
      const u = cos * x + sin * y;
      const v = -sin * x + cos * y;
      [r, g, b] = BACKGROUND;
      paint(id.hair.colour, coverage(hairBehind(id, u, v), pixel));
      if (id.ears) paint(earColour, coverage(Math.min(circleDistance(u - earX, v - earY, 0.13), circleDistance(u + earX, v - earY, 0.13)), pixel));
      // Far outside the face's bounding box nothing of the face reaches the pixel: skip its parts.
      const nearFace = Math.abs(u) < faceBox.x && Math.abs(v - id.face.y) < faceBox.y;
      const faceD = nearFace ? levelDistance(face, u, v) : Infinity;
      paint(skin, coverage(faceD, pixel));
      paint(outline, coverage(Math.abs(faceD) - 0.025, pixel));
      // Every feature lies inside the face.
      if (faceD < pixel) {
        if (id.blush && Math.abs(v - blushY) < 0.08 + 2 * pixel) {
          const cheek = Math.min(circleDistance(u - blushX, v - blushY, 0.08), circleDistance(u + blushX, v - blushY, 0.08));
          paint(id.blush, 0.6 * coverage(cheek, 2 * pixel));
        }
        if (Math.abs(v - nose.y) < noseReach && Math.abs(u) < noseReach) {
          const noseD = nose.kind === 'button'
            ? circleDistance(u, v - nose.y, nose.size)
            : nose.kind === 'long'
              ? capsuleDistance(u, v, 0, nose.y - 2 * nose.size, 0.03, nose.y, 0.035)
              : ellipseDistance(u, v - nose.y, nose.size * 1.6, nose.size * 0.75);
          paint(noseColour, coverage(noseD, pixel));
        }
        if (Math.abs(u - mouth.x) < mouthReach.x && Math.abs(v - mouth.y) < mouthReach.y) {
          paint(id.mouth.colour, coverage(curveStrokeDistance(u, v, mouth.x, mouthCy, mouth.halfWidth, mouthA, 0, id.mouth.thickness / 2), pixel));
        }
        for (const eye of layout.eyes) {
          if (Math.abs(u - eye.x) > eyeReach.x || Math.abs(v - eye.y) > eyeReach.y) continue;
          // The opening: the whole eye's ellipse, cut top and bottom by the lids (gentle arcs, eye.ry apart at the middle).
          const t = (u - eye.x) / id.eyes.rx;
          const lidSlope = (1.2 * eye.ry * t) / id.eyes.rx;
          const lidD = (Math.abs(v - eye.y) - eye.ry * (1 - 0.6 * t * t)) / Math.sqrt(1 + lidSlope * lidSlope);
          const apertureD = Math.max(ellipseDistance(u - eye.x, v - eye.y, id.eyes.rx, id.eyes.ry), lidD);
          const open = coverage(apertureD, pixel);
          paint(EYE_WHITE, open);
          paint(id.eyes.iris, open * coverage(circleDistance(u - eye.irisX, v - eye.irisY, id.eyes.irisRadius), pixel));
          paint(PUPIL, open * coverage(circleDistance(u - eye.irisX, v - eye.irisY, id.eyes.irisRadius * 0.5), pixel));
          paint(LINE, coverage(Math.abs(apertureD) - 0.02, pixel));
        }
        for (const brow of layout.brows) {
          if (Math.abs(u - brow.x) > browReach.x || Math.abs(v - brow.y) > browReach.y) continue;
          // The inner end (towards the midline) dips when the brows are lowered: a frown.
          const slope = (-brow.side * brow.dip) / (2 * brow.halfLength);
          const a = brow.arch / (brow.halfLength * brow.halfLength);
          paint(id.brows.colour, coverage(curveStrokeDistance(u, v, brow.x, brow.y - brow.arch + brow.dip / 2, brow.halfLength, a, slope, id.brows.thickness / 2), pixel));
        }
      }
      paint(id.hair.colour, coverage(hairInFront(id, layout, u, v), pixel));
      const at = offset + (py * size + px) * channels;
      if (channels === 3) {
        out[at] = 2 * r - 1;
        out[at + 1] = 2 * g - 1;
        out[at + 2] = 2 * b - 1;
      } else {
        out[at] = 2 * (LUMA[0] * r + LUMA[1] * g + LUMA[2] * b) - 1;
      }
    }
  }
  return out;
}

/**
 * Where the expression shows: 1 on pixels whose centre lies in a box around an eye and its
 * brow or around the mouth (boxes in the face's frame, so they follow the head), 0 elsewhere
 * (size·size values, written at `offset`). The face-swap tools' "eyes and mouth priority"
 * weights these pixels more in the loss.
 */
export function featureMask(id: ToyFaceIdentity, factors: FaceFactors, size: number, out: Float32Array = new Float32Array(size * size), offset = 0): Float32Array {
  const layout = faceLayout(id, factors);
  const { pose, mouth } = layout;
  const cos = Math.cos(pose.angle);
  const sin = Math.sin(pose.angle);
  const margin = 2 / size; // one pixel, for antialiased edges
  // Each eye's box reaches up over the highest brow; the mouth's covers its widest, most curved shape.
  const eyeTop = layout.fringeY - margin;
  const eyeBottom = id.eyes.y + id.eyes.ry + 0.02 + margin;
  const eyeHalfWidth = Math.max(id.eyes.rx + 0.02, id.brows.halfLength + id.brows.thickness / 2) + margin;
  const boxes = [
    ...layout.eyes.map((e) => ({ x0: e.x - eyeHalfWidth, x1: e.x + eyeHalfWidth, y0: eyeTop, y1: eyeBottom })),
    {
      x0: mouth.x - id.mouth.halfWidth * 1.15 - id.mouth.thickness / 2 - margin,
      x1: mouth.x + id.mouth.halfWidth * 1.15 + id.mouth.thickness / 2 + margin,
      y0: mouth.y - MAX_MOUTH_CURVE / 2 - id.mouth.thickness / 2 - margin,
      y1: mouth.y + MAX_MOUTH_CURVE / 2 + id.mouth.thickness / 2 + margin,
    },
  ];
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const x = ((px + 0.5) * 2) / size - 1 - pose.x;
      const y = ((py + 0.5) * 2) / size - 1 - pose.y;
      const u = cos * x + sin * y;
      const v = -sin * x + cos * y;
      out[offset + py * size + px] = boxes.some((b) => u >= b.x0 && u <= b.x1 && v >= b.y0 && v <= b.y1) ? 1 : 0;
    }
  }
  return out;
}

/** Many faces of one identity: factors as n·FACTOR_COUNT values (faceFactors.ts order). */
export function renderToyFaces(id: ToyFaceIdentity, factors: Float32Array, size: number, channels: Channels = 3): Float32Array {
  const n = factors.length / FACTOR_COUNT;
  if (!Number.isInteger(n)) throw new RangeError(`factors hold ${factors.length} values, not a multiple of ${FACTOR_COUNT}`);
  const stride = size * size * channels;
  const out = new Float32Array(n * stride);
  for (let i = 0; i < n; i++) renderToyFace(id, factorsFromArray(factors, i * FACTOR_COUNT), size, channels, out, i * stride);
  return out;
}
