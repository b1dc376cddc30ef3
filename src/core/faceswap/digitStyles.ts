/**
 * Two "identities" made from the same MNIST digits, as in Morpho-MNIST
 * (Castro et al., 2019): thin strokes and thick strokes. Their shared content
 * is which digit it is and how it slants; the style is the stroke.
 *
 * Both work on a binary picture at twice the resolution (bilinear upsampling,
 * thresholded at mid-grey), then average 2×2 blocks back down, which gives
 * smooth edges:
 * - thin: the Zhang–Suen skeleton (morphological thinning to one-pixel curves),
 *   redrawn with a small disc, so every stroke is about 1.5 pixels wide;
 * - thick: the digit dilated by a larger disc, each stroke about 2 pixels wider.
 *
 * strokeThickness() measures what the styles change (ink area over skeleton
 * length, Morpho-MNIST's notion of thickness) and digitSlant() what they keep
 * (the horizontal shear of the ink's second moments). Pixels in [-1, 1], paper −1.
 */

/** Resolution factor of the binary working picture. */
export const MORPHOLOGY_SCALE = 2;
/** Disc radii at the working resolution: the thin style's pen and the thick style's dilation. */
export const THIN_PEN_RADIUS = 1;
export const THICK_DILATION_RADIUS = 2;

export const DIGIT_STYLES = ['thin', 'thick'] as const;
export type DigitStyle = (typeof DIGIT_STYLES)[number];

/** Binary mask (1 = ink) of a side×side picture at `scale`× resolution: bilinear upsampling, then ink where the value is above `threshold`. */
export function upsampledMask(image: Float32Array, side: number, scale = MORPHOLOGY_SCALE, threshold = 0): Uint8Array {
  const big = side * scale;
  const mask = new Uint8Array(big * big);
  const last = side - 1;
  for (let y = 0; y < big; y++) {
    const sy = Math.min(Math.max((y + 0.5) / scale - 0.5, 0), last);
    const y0 = Math.floor(sy);
    const y1 = Math.min(y0 + 1, last);
    const fy = sy - y0;
    for (let x = 0; x < big; x++) {
      const sx = Math.min(Math.max((x + 0.5) / scale - 0.5, 0), last);
      const x0 = Math.floor(sx);
      const x1 = Math.min(x0 + 1, last);
      const fx = sx - x0;
      const top = image[y0 * side + x0] * (1 - fx) + image[y0 * side + x1] * fx;
      const bottom = image[y1 * side + x0] * (1 - fx) + image[y1 * side + x1] * fx;
      mask[y * big + x] = top * (1 - fy) + bottom * fy > threshold ? 1 : 0;
    }
  }
  return mask;
}

/**
 * Zhang–Suen thinning (1984): peels boundary pixels in two alternating sub-passes until
 * only curves one pixel wide remain, keeping every stroke connected. Returns a new mask.
 */
export function skeletonize(mask: Uint8Array, width: number, height: number): Uint8Array {
  const img = Uint8Array.from(mask);
  const at = (x: number, y: number) => (x >= 0 && x < width && y >= 0 && y < height ? img[y * width + x] : 0);
  const remove: number[] = [];
  let changed = true;
  while (changed) {
    changed = false;
    for (let pass = 0; pass < 2; pass++) {
      remove.length = 0;
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          if (!img[y * width + x]) continue;
          // Neighbours P2…P9, clockwise from north.
          const p = [at(x, y - 1), at(x + 1, y - 1), at(x + 1, y), at(x + 1, y + 1), at(x, y + 1), at(x - 1, y + 1), at(x - 1, y), at(x - 1, y - 1)];
          const count = p[0] + p[1] + p[2] + p[3] + p[4] + p[5] + p[6] + p[7];
          if (count < 2 || count > 6) continue;
          let transitions = 0;
          for (let k = 0; k < 8; k++) if (p[k] === 0 && p[(k + 1) % 8] === 1) transitions++;
          if (transitions !== 1) continue;
          const [n, , e, , s, , w] = p;
          if (pass === 0 ? n * e * s === 0 && e * s * w === 0 : n * e * w === 0 && n * s * w === 0) remove.push(y * width + x);
        }
      }
      for (const i of remove) img[i] = 0;
      if (remove.length > 0) changed = true;
    }
  }
  return img;
}

/** Dilation by a disc of the given radius (pixels within that Euclidean distance). Returns a new mask. */
export function dilate(mask: Uint8Array, width: number, height: number, radius: number): Uint8Array {
  const out = new Uint8Array(mask.length);
  const r = Math.floor(radius);
  const offsets: [number, number][] = [];
  for (let dy = -r; dy <= r; dy++) for (let dx = -r; dx <= r; dx++) if (dx * dx + dy * dy <= radius * radius) offsets.push([dx, dy]);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!mask[y * width + x]) continue;
      for (const [dx, dy] of offsets) {
        const xx = x + dx;
        const yy = y + dy;
        if (xx >= 0 && xx < width && yy >= 0 && yy < height) out[yy * width + xx] = 1;
      }
    }
  }
  return out;
}

/** A mask at `scale`× resolution averaged back over scale×scale blocks, as values in [-1, 1]. */
export function downsampleMask(mask: Uint8Array, side: number, scale = MORPHOLOGY_SCALE, out: Float32Array = new Float32Array(side * side), offset = 0): Float32Array {
  const big = side * scale;
  const norm = 2 / (scale * scale);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      let sum = 0;
      for (let j = 0; j < scale; j++) for (let i = 0; i < scale; i++) sum += mask[(y * scale + j) * big + x * scale + i];
      out[offset + y * side + x] = sum * norm - 1;
    }
  }
  return out;
}

/** The digit redrawn in the given style (a side×side picture in [-1, 1]); written to `out` at `offset` when given. */
export function styleDigit(image: Float32Array, side: number, style: DigitStyle, out?: Float32Array, offset = 0): Float32Array {
  const big = side * MORPHOLOGY_SCALE;
  const mask = upsampledMask(image, side);
  const styled = style === 'thin'
    ? dilate(skeletonize(mask, big, big), big, big, THIN_PEN_RADIUS)
    : dilate(mask, big, big, THICK_DILATION_RADIUS);
  return downsampleMask(styled, side, MORPHOLOGY_SCALE, out ?? new Float32Array(side * side), offset);
}

/**
 * Mean stroke width in pixels: ink area over skeleton length, both measured on the
 * binary picture at twice the resolution. (Skeleton pixels count one each, so
 * diagonal strokes read up to √2 thicker; the comparison between styles is what matters.)
 * NaN for a picture without ink.
 */
export function strokeThickness(image: Float32Array, side: number): number {
  const big = side * MORPHOLOGY_SCALE;
  const mask = upsampledMask(image, side);
  let area = 0;
  for (const m of mask) area += m;
  if (area === 0) return NaN;
  let length = 0;
  for (const m of skeletonize(mask, big, big)) length += m;
  return area / length / MORPHOLOGY_SCALE;
}

/**
 * Horizontal shear of the ink (−μ11 / μ02 of the ink, weighted by how far each pixel is above
 * mid-grey, so a decoder's faint haze on the paper does not count): how far the digit leans
 * right per pixel of height (y grows downwards). 0 for an upright digit.
 */
export function digitSlant(image: Float32Array, side: number): number {
  let mass = 0;
  let mx = 0;
  let my = 0;
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const w = Math.max(0, image[y * side + x]);
      mass += w;
      mx += w * x;
      my += w * y;
    }
  }
  if (mass === 0) return 0;
  mx /= mass;
  my /= mass;
  let mu11 = 0;
  let mu02 = 0;
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const w = Math.max(0, image[y * side + x]);
      mu11 += w * (x - mx) * (y - my);
      mu02 += w * (y - my) * (y - my);
    }
  }
  return mu02 > 0 ? -mu11 / mu02 : 0;
}

/**
 * Where a digit's strokes are: 1 on ink (above mid-grey) and the pixels next to it (3×3), else 0;
 * the loss weights these more, since a digit is mostly paper.
 */
export function strokeMask(image: Float32Array, side: number, out: Float32Array = new Float32Array(side * side), offset = 0): Float32Array {
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      let ink = 0;
      for (let dy = -1; dy <= 1 && !ink; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const yy = y + dy;
          const xx = x + dx;
          if (yy >= 0 && yy < side && xx >= 0 && xx < side && image[yy * side + xx] > 0) {
            ink = 1;
            break;
          }
        }
      }
      out[offset + y * side + x] = ink;
    }
  }
  return out;
}

/** side×side pictures padded with paper (−1) to padded×padded, centred. */
export function padImages(images: Float32Array, side: number, padded: number): Float32Array {
  const n = images.length / (side * side);
  const margin = (padded - side) / 2;
  if (!Number.isInteger(margin) || margin < 0) throw new RangeError(`cannot centre ${side}×${side} pictures in ${padded}×${padded}`);
  const out = new Float32Array(n * padded * padded).fill(-1);
  for (let i = 0; i < n; i++) {
    for (let y = 0; y < side; y++) out.set(images.subarray((i * side + y) * side, (i * side + y + 1) * side), (i * padded + y + margin) * padded + margin);
  }
  return out;
}

/** The centre side×side of padded×padded pictures (undoes padImages). */
export function cropImages(images: Float32Array, padded: number, side: number): Float32Array {
  const n = images.length / (padded * padded);
  const margin = (padded - side) / 2;
  if (!Number.isInteger(margin) || margin < 0) throw new RangeError(`cannot crop ${side}×${side} from ${padded}×${padded}`);
  const out = new Float32Array(n * side * side);
  for (let i = 0; i < n; i++) {
    for (let y = 0; y < side; y++) {
      const from = (i * padded + y + margin) * padded + margin;
      out.set(images.subarray(from, from + side), (i * side + y) * side);
    }
  }
  return out;
}
