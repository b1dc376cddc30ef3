/**
 * A JPEG round trip through this browser's own encoder and decoder (canvas.toBlob and
 * createImageBitmap), as an upload to a website would do it.
 */
import type { RgbaPicture } from '../../core/provenance/picture';

export function toImageData(picture: RgbaPicture): ImageData {
  return new ImageData(new Uint8ClampedArray(picture.data), picture.width, picture.height);
}

/** The picture saved as JPEG at `quality` (1–100) and opened again, with the file's size in bytes. */
export async function jpegRoundTrip(picture: RgbaPicture, quality: number): Promise<{ picture: RgbaPicture; bytes: number }> {
  if (!(quality >= 1 && quality <= 100)) throw new RangeError(`JPEG quality is 1–100 (got ${quality}).`);
  const canvas = document.createElement('canvas');
  canvas.width = picture.width;
  canvas.height = picture.height;
  canvas.getContext('2d')!.putImageData(toImageData(picture), 0, 0);
  const blob = await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('The browser could not encode the JPEG.'))), 'image/jpeg', quality / 100));
  const bitmap = await createImageBitmap(blob);
  const back = document.createElement('canvas');
  back.width = picture.width;
  back.height = picture.height;
  const ctx = back.getContext('2d', { willReadFrequently: true })!;
  ctx.drawImage(bitmap, 0, 0);
  bitmap.close();
  const data = ctx.getImageData(0, 0, picture.width, picture.height).data;
  return { picture: { width: picture.width, height: picture.height, data: new Uint8ClampedArray(data) }, bytes: blob.size };
}
