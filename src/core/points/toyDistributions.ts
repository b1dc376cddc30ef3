/**
 * The 2D "real data" of the point labs (adversarial and diffusion). Each distribution samples
 * interleaved (x, y) pairs from a seeded generator; mixtures also expose their
 * mode centres so coverage can be measured against the truth.
 */
import { SeededRandom } from '../shared/seededRandom';

/** Every kind of 2D point data; `custom` is drawn or imported points. */
export const POINT_DATASET_KINDS = ['ring', 'grid', 'moons', 'spiral', 'line', 'blobs', 'custom'] as const;
export type PointDatasetKind = (typeof POINT_DATASET_KINDS)[number];

export interface Bounds {
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

export interface ToyDistribution {
  readonly kind: PointDatasetKind;
  /** Mode centres (x0, y0, x1, y1, …) for mixtures; null otherwise. */
  readonly modeCenters: Float32Array | null;
  /** Standard deviation of each mode (mixtures) or of the added noise. */
  readonly sigma: number;
  /** The square region the lab plots and measures divergences on. */
  readonly bounds: Bounds;
  /** n points as interleaved x, y. */
  sample(n: number, rng: SeededRandom): Float32Array;
}

export interface DistributionSpec {
  dataset: PointDatasetKind;
  /** Number of modes (ring and grid only). */
  modes: number;
  /** Spread of each mode, or of the noise around a curve. */
  sigma: number;
}

export function ringCenters(modes: number, radius = 1): Float32Array {
  const c = new Float32Array(modes * 2);
  for (let i = 0; i < modes; i++) {
    const a = (2 * Math.PI * i) / modes;
    c[2 * i] = radius * Math.cos(a);
    c[2 * i + 1] = radius * Math.sin(a);
  }
  return c;
}

/** k×k modes spaced 2 apart and centred on 0: 25 modes gives {−4,−2,0,2,4}². */
export function gridCenters(modes: number): Float32Array {
  const side = Math.round(Math.sqrt(modes));
  const c = new Float32Array(side * side * 2);
  const offset = side - 1;
  let i = 0;
  for (let row = 0; row < side; row++) {
    for (let col = 0; col < side; col++) {
      c[i++] = 2 * col - offset;
      c[i++] = 2 * row - offset;
    }
  }
  return c;
}

function squareBoundsAround(points: Float32Array, margin: number): Bounds {
  let xMin = Infinity, xMax = -Infinity, yMin = Infinity, yMax = -Infinity;
  for (let i = 0; i < points.length; i += 2) {
    xMin = Math.min(xMin, points[i]);
    xMax = Math.max(xMax, points[i]);
    yMin = Math.min(yMin, points[i + 1]);
    yMax = Math.max(yMax, points[i + 1]);
  }
  if (!Number.isFinite(xMin)) return { xMin: -1, xMax: 1, yMin: -1, yMax: 1 };
  const cx = (xMin + xMax) / 2;
  const cy = (yMin + yMax) / 2;
  const half = Math.max(xMax - xMin, yMax - yMin, 0.2) / 2 * (1 + margin) + margin * 0.1;
  return { xMin: cx - half, xMax: cx + half, yMin: cy - half, yMax: cy + half };
}

/** n points, each a uniformly picked one of `count` anchors plus Gaussian noise of spread σ. */
function jitteredPicks(anchors: Float32Array, count: number, sigma: number, n: number, rng: SeededRandom): Float32Array {
  const out = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    const a = rng.int(count);
    out[2 * i] = anchors[2 * a] + sigma * rng.normal();
    out[2 * i + 1] = anchors[2 * a + 1] + sigma * rng.normal();
  }
  return out;
}

function mixture(kind: 'ring' | 'grid' | 'blobs', centers: Float32Array, sigma: number): ToyDistribution {
  const modes = centers.length / 2;
  const spread = new Float32Array(centers.length);
  // The plot shows the modes plus ~4σ, never less than a little margin.
  for (let i = 0; i < centers.length; i++) spread[i] = centers[i];
  const bounds = squareBoundsAround(spread, 0.35);
  const pad = 4 * sigma;
  bounds.xMin -= pad; bounds.yMin -= pad; bounds.xMax += pad; bounds.yMax += pad;
  return {
    kind,
    modeCenters: centers,
    sigma,
    bounds,
    sample: (n, rng) => jitteredPicks(centers, modes, sigma, n, rng),
  };
}

function curve(
  kind: 'moons' | 'spiral' | 'line',
  sigma: number,
  pointAt: (u: number, rng: SeededRandom) => [number, number],
  bounds: Bounds,
): ToyDistribution {
  return {
    kind,
    modeCenters: null,
    sigma,
    bounds,
    sample(n, rng) {
      const out = new Float32Array(n * 2);
      for (let i = 0; i < n; i++) {
        const [x, y] = pointAt(rng.next(), rng);
        out[2 * i] = x + sigma * rng.normal();
        out[2 * i + 1] = y + sigma * rng.normal();
      }
      return out;
    },
  };
}

const pad = (b: Bounds, by: number): Bounds => ({ xMin: b.xMin - by, xMax: b.xMax + by, yMin: b.yMin - by, yMax: b.yMax + by });

/** Builds the distribution a settings object names; `custom` needs the drawn or imported points. */
export function makeDistribution(spec: DistributionSpec, customPoints?: Float32Array): ToyDistribution {
  const { sigma } = spec;
  switch (spec.dataset) {
    case 'ring':
      return mixture('ring', ringCenters(spec.modes), sigma);
    case 'grid':
      return mixture('grid', gridCenters(spec.modes), sigma);
    case 'blobs':
      return mixture('blobs', new Float32Array([-1, -0.5, 1, 0.5]), sigma);
    case 'moons':
      // Two interleaved half circles, centred on the origin.
      return curve('moons', sigma, (u, rng) => {
        const t = Math.PI * u;
        return rng.next() < 0.5 ? [Math.cos(t) - 0.5, Math.sin(t) - 0.25] : [0.5 - Math.cos(t), 0.25 - Math.sin(t)];
      }, pad({ xMin: -1.75, xMax: 1.75, yMin: -1.75, yMax: 1.75 }, 3 * sigma));
    case 'spiral':
      // An Archimedean spiral of 1.5 turns out to radius 1.
      return curve('spiral', sigma, (u) => {
        const r = 0.1 + 0.9 * Math.sqrt(u);
        const t = 3 * Math.PI * Math.sqrt(u);
        return [r * Math.cos(t), r * Math.sin(t)];
      }, pad({ xMin: -1.3, xMax: 1.3, yMin: -1.3, yMax: 1.3 }, 3 * sigma));
    case 'line':
      return curve('line', sigma, (u) => [2 * u - 1, 0.5 * (2 * u - 1)], pad({ xMin: -1.4, xMax: 1.4, yMin: -1.4, yMax: 1.4 }, 3 * sigma));
    case 'custom': {
      const points = customPoints && customPoints.length >= 2 ? customPoints : new Float32Array([0, 0]);
      const count = points.length / 2;
      const bounds = squareBoundsAround(points, 0.3);
      return {
        kind: 'custom',
        modeCenters: null,
        sigma,
        bounds,
        // Resample the given points with a little jitter (σ) so the data is a smooth density.
        sample: (n, rng) => jitteredPicks(points, count, sigma, n, rng),
      };
    }
  }
}
