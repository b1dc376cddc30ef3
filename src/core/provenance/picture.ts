/**
 * An RGBA picture in the layout of the page's ImageData (8 bits per channel, row-major),
 * and its luminance plane: Y = 0.299 R + 0.587 G + 0.114 B, as JPEG computes it.
 * Adding the same amount to R, G and B changes Y by that amount and leaves JPEG's
 * colour-difference channels (Cb, Cr) unchanged, which is how a luminance mark keeps
 * the colours.
 */
export interface RgbaPicture {
  width: number;
  height: number;
  /** width·height·4 bytes: R, G, B, A per pixel. */
  data: Uint8ClampedArray;
}

export function checkPicture(picture: RgbaPicture, what = 'The picture'): void {
  const { width, height, data } = picture;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`${what} must have a positive whole width and height (got ${width}×${height}).`);
  }
  if (!data || data.length !== width * height * 4) {
    throw new RangeError(`${what} has ${data?.length ?? 0} bytes, but ${width}×${height} RGBA needs ${width * height * 4}.`);
  }
}

export function createPicture(width: number, height: number): RgbaPicture {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 3; i < data.length; i += 4) data[i] = 255;
  return { width, height, data };
}

export function clonePicture(picture: RgbaPicture): RgbaPicture {
  return { width: picture.width, height: picture.height, data: new Uint8ClampedArray(picture.data) };
}

/** The luminance plane (0–255, unrounded). */
export function luminance(picture: RgbaPicture): Float32Array {
  checkPicture(picture);
  const { data } = picture;
  const out = new Float32Array(picture.width * picture.height);
  for (let p = 0, i = 0; p < out.length; p++, i += 4) out[p] = 0.299 * data[i] + 0.587 * data[i + 1] + 0.114 * data[i + 2];
  return out;
}

/** A copy of the picture whose luminance is moved by `change` (per pixel), colours kept: each of R, G, B gets the same change, rounded and clipped to 0–255. */
export function addLuminance(picture: RgbaPicture, change: ArrayLike<number>): RgbaPicture {
  checkPicture(picture);
  if (change.length !== picture.width * picture.height) {
    throw new RangeError(`The luminance change has ${change.length} values, but the picture has ${picture.width * picture.height} pixels.`);
  }
  const out = clonePicture(picture);
  const { data } = out;
  for (let p = 0, i = 0; p < change.length; p++, i += 4) {
    const d = change[p];
    data[i] = Math.round(data[i] + d);
    data[i + 1] = Math.round(data[i + 1] + d);
    data[i + 2] = Math.round(data[i + 2] + d);
  }
  return out;
}

/** A grey picture from a luminance plane (values rounded and clipped to 0–255). */
export function greyPicture(plane: ArrayLike<number>, width: number, height: number): RgbaPicture {
  if (plane.length !== width * height) throw new RangeError(`The plane has ${plane.length} values, but ${width}×${height} needs ${width * height}.`);
  const out = createPicture(width, height);
  for (let p = 0, i = 0; p < plane.length; p++, i += 4) {
    const v = Math.round(plane[p]);
    out.data[i] = v;
    out.data[i + 1] = v;
    out.data[i + 2] = v;
  }
  return out;
}
