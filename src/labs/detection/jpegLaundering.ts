/**
 * JPEG laundering with the browser's own encoder, on the page thread: the pictures are laid
 * out on one canvas, each in its own 32×32 cell (28×28 picture, the rest paper), so no 8×8 JPEG
 * block mixes two pictures; the canvas goes through canvas.toBlob('image/jpeg', quality), the
 * file is decoded again with createImageBitmap, and each picture's grey values are read back.
 */
import { fromGreyBytes, toGreyBytes } from '../../core/detection/laundering';

const CELL = 32;
const COLUMNS = 32;

function blobOf(canvas: HTMLCanvasElement, quality: number): Promise<Blob> {
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The browser could not encode the JPEG.'))), 'image/jpeg', quality);
  });
}

/** The pictures ([-1, 1], side×side each) after a JPEG round trip at `quality` (1–100), and the encoded size in bytes. */
export async function jpegRoundTrip(images: Float32Array, side: number, quality: number): Promise<{ images: Float32Array; bytes: number }> {
  if (!(quality >= 1 && quality <= 100)) throw new RangeError(`A JPEG quality is from 1 to 100, not ${quality}.`);
  if (side > CELL) throw new RangeError(`Pictures up to ${CELL}×${CELL} fit a cell; these are ${side}×${side}.`);
  const size = side * side;
  const count = images.length / size;
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`${images.length} values are not a whole number of ${side}×${side} pictures.`);
  const rows = Math.ceil(count / COLUMNS);
  const canvas = document.createElement('canvas');
  canvas.width = COLUMNS * CELL;
  canvas.height = rows * CELL;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('This browser gives no 2D canvas for the JPEG encoder.');
  const grey = toGreyBytes(images);
  const sheet = context.createImageData(canvas.width, canvas.height);
  for (let i = 3; i < sheet.data.length; i += 4) sheet.data[i] = 255; // opaque; paper (0) elsewhere
  for (let n = 0; n < count; n++) {
    const ox = (n % COLUMNS) * CELL;
    const oy = Math.floor(n / COLUMNS) * CELL;
    for (let y = 0; y < side; y++) {
      for (let x = 0; x < side; x++) {
        const v = grey[n * size + y * side + x];
        const p = 4 * ((oy + y) * canvas.width + ox + x);
        sheet.data[p] = sheet.data[p + 1] = sheet.data[p + 2] = v;
      }
    }
  }
  context.putImageData(sheet, 0, 0);
  const blob = await blobOf(canvas, quality / 100);
  const bitmap = await createImageBitmap(blob);
  context.clearRect(0, 0, canvas.width, canvas.height);
  context.drawImage(bitmap, 0, 0);
  bitmap.close();
  const decoded = context.getImageData(0, 0, canvas.width, canvas.height).data;
  const back = new Uint8ClampedArray(images.length);
  for (let n = 0; n < count; n++) {
    const ox = (n % COLUMNS) * CELL;
    const oy = Math.floor(n / COLUMNS) * CELL;
    for (let y = 0; y < side; y++) {
      for (let x = 0; x < side; x++) {
        const p = 4 * ((oy + y) * canvas.width + ox + x);
        // Luma of the decoded pixel (JPEG keeps grey as grey, up to rounding in its colour conversion).
        back[n * size + y * side + x] = Math.round(0.299 * decoded[p] + 0.587 * decoded[p + 1] + 0.114 * decoded[p + 2]);
      }
    }
  }
  return { images: fromGreyBytes(back), bytes: blob.size };
}
