/**
 * JPEG round trips through headless Debian Chromium's own encoder and decoder: each
 * picture is put on a canvas, encoded with canvas.toBlob('image/jpeg', quality),
 * decoded with createImageBitmap and read back with getImageData, exactly what the
 * provenance lab does in the page. One Chromium, one blank page, batches of pictures.
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import type { RgbaPicture } from '../../src/core/provenance/picture';

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

const ROUND_TRIP_SOURCE = `
window.jpegRoundTrip = async function (arg) {
  var decode = function (b64) { return Uint8ClampedArray.from(atob(b64), function (c) { return c.charCodeAt(0); }); };
  var encode = function (data) {
    var s = '';
    for (var i = 0; i < data.length; i += 0x8000) s += String.fromCharCode.apply(null, data.subarray(i, i + 0x8000));
    return btoa(s);
  };
  var done = [];
  for (var k = 0; k < arg.items.length; k++) {
    var item = arg.items[k];
    var canvas = document.createElement('canvas');
    canvas.width = item.width;
    canvas.height = item.height;
    canvas.getContext('2d').putImageData(new ImageData(decode(item.data), item.width, item.height), 0, 0);
    var blob = await new Promise(function (resolve, reject) {
      canvas.toBlob(function (b) { if (b) resolve(b); else reject(new Error('toBlob gave nothing')); }, 'image/jpeg', arg.q);
    });
    var bitmap = await createImageBitmap(blob);
    var back = document.createElement('canvas');
    back.width = item.width;
    back.height = item.height;
    var ctx = back.getContext('2d', { willReadFrequently: true });
    ctx.drawImage(bitmap, 0, 0);
    bitmap.close();
    done.push({ data: encode(ctx.getImageData(0, 0, item.width, item.height).data), size: blob.size });
  }
  return done;
};`;

export class ChromiumJpeg {
  private constructor(private readonly browser: Browser, private readonly page: Page) {}

  static async start(): Promise<ChromiumJpeg> {
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    const page = await browser.newPage();
    await page.setContent('<!doctype html><title>jpeg</title>');
    await page.addScriptTag({ content: ROUND_TRIP_SOURCE });
    return new ChromiumJpeg(browser, page);
  }

  /** The browser's version, for the report. */
  version(): string {
    return this.browser.version();
  }

  /** Encodes every picture as JPEG at `quality` (0–1) and decodes it again; also returns the mean file size in bytes. */
  async roundTrip(pictures: RgbaPicture[], quality: number, batch = 64): Promise<{ pictures: RgbaPicture[]; meanBytes: number }> {
    const out: RgbaPicture[] = [];
    let bytes = 0;
    for (let start = 0; start < pictures.length; start += batch) {
      const chunk = pictures.slice(start, start + batch);
      const payload = chunk.map((p) => ({ width: p.width, height: p.height, data: Buffer.from(p.data.buffer, p.data.byteOffset, p.data.byteLength).toString('base64') }));
      // A plain-text function in the page: the TypeScript loader would wrap inline functions with helpers the page lacks.
      const results = await this.page.evaluate((arg) => (window as unknown as { jpegRoundTrip: (a: unknown) => Promise<{ data: string; size: number }[]> }).jpegRoundTrip(arg), { items: payload, q: quality });
      results.forEach((r, i) => {
        bytes += r.size;
        out.push({ width: chunk[i].width, height: chunk[i].height, data: new Uint8ClampedArray(Buffer.from(r.data, 'base64')) });
      });
    }
    return { pictures: out, meanBytes: bytes / Math.max(1, pictures.length) };
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}
