/**
 * Pictures in the page: a forged digit drawn as a PNG, files decoded to pixels and encoded back
 * (PNG, or JPEG for the "re-saved elsewhere" case), and the edits a learner can make before
 * re-signing. The browser's own image codecs do the encoding; the provenance core only ever
 * sees bytes.
 */
import type { ForgedDigit } from '../../core/provenance/forgedDigits';
import { DIGIT_SIDE } from '../../core/provenance/forgedDigits';
import type { PictureFormat } from '../../core/provenance/pictureFile';

/** Each digit pixel becomes a SCALE×SCALE block: 112×112 pictures, big enough to look at. */
export const PICTURE_SCALE = 4;
export const PICTURE_SIDE = DIGIT_SIDE * PICTURE_SCALE;

function canvasOf(width: number, height: number): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  return canvas;
}

function context2d(canvas: HTMLCanvasElement): CanvasRenderingContext2D {
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('This browser cannot draw on a canvas, which the lab needs to make pictures.');
  return ctx;
}

export async function encodePicture(image: ImageData, format: PictureFormat, quality = 0.9): Promise<Uint8Array> {
  const canvas = canvasOf(image.width, image.height);
  context2d(canvas).putImageData(image, 0, 0);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, format, quality));
  if (!blob) throw new Error(`This browser could not encode the picture as ${format}.`);
  return new Uint8Array(await blob.arrayBuffer());
}

/** Dark ink on white paper, each digit pixel a PICTURE_SCALE-wide block. */
export function digitImage(digit: ForgedDigit): ImageData {
  const image = new ImageData(PICTURE_SIDE, PICTURE_SIDE);
  for (let y = 0; y < PICTURE_SIDE; y++) {
    for (let x = 0; x < PICTURE_SIDE; x++) {
      const ink = digit.pixels[Math.floor(y / PICTURE_SCALE) * DIGIT_SIDE + Math.floor(x / PICTURE_SCALE)];
      const grey = 255 - ink;
      const at = (y * PICTURE_SIDE + x) * 4;
      image.data[at] = grey;
      image.data[at + 1] = grey;
      image.data[at + 2] = Math.min(255, grey + 12);
      image.data[at + 3] = 255;
    }
  }
  return image;
}

/** Decodes a PNG or JPEG file to pixels (refusing, with the reason, a file the browser cannot decode). */
export async function decodePicture(bytes: Uint8Array, format: PictureFormat): Promise<ImageData> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: format }));
  } catch {
    throw new Error(`The browser could not decode this ${format === 'image/png' ? 'PNG' : 'JPEG'} file's picture data: it is damaged or incomplete.`);
  }
  try {
    const canvas = canvasOf(bitmap.width, bitmap.height);
    const ctx = context2d(canvas);
    ctx.drawImage(bitmap, 0, 0);
    return ctx.getImageData(0, 0, bitmap.width, bitmap.height);
  } finally {
    bitmap.close();
  }
}

export const EDITS = {
  brighten: 'Brightened: every pixel moved 60 levels towards white',
  invert: 'Inverted: light and dark swapped',
  mirror: 'Mirrored left to right',
  stamp: 'A black square stamped in the top-left corner',
} as const;
export type EditKind = keyof typeof EDITS;

export function applyEdit(image: ImageData, edit: EditKind): ImageData {
  const { width, height } = image;
  const out = new ImageData(new Uint8ClampedArray(image.data), width, height);
  const d = out.data;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = (y * width + x) * 4;
      for (let c = 0; c < 3; c++) {
        if (edit === 'brighten') d[at + c] = Math.min(255, image.data[at + c] + 60);
        else if (edit === 'invert') d[at + c] = 255 - image.data[at + c];
        else if (edit === 'mirror') d[at + c] = image.data[(y * width + (width - 1 - x)) * 4 + c];
        else if (edit === 'stamp' && x < width / 4 && y < height / 4) d[at + c] = 0;
      }
    }
  }
  return out;
}

/** The same picture with exactly one pixel changed (the centre one, made clearly different). */
export function changeOnePixel(image: ImageData): { image: ImageData; x: number; y: number } {
  const out = new ImageData(new Uint8ClampedArray(image.data), image.width, image.height);
  const x = Math.floor(image.width / 2);
  const y = Math.floor(image.height / 2);
  const at = (y * image.width + x) * 4;
  for (let c = 0; c < 3; c++) out.data[at + c] = image.data[at + c] > 127 ? image.data[at + c] - 100 : image.data[at + c] + 100;
  return { image: out, x, y };
}
