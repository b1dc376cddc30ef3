/**
 * The provenance lab's classic invisible watermark (block-DCT spread spectrum, 32-bit
 * payload, BCH(63, 36)) on 128×128 pictures, toy faces and MNIST digits, each with its own
 * random key and payload: PSNR, then payload recovery after JPEG from headless Debian
 * Chromium's own encoder (canvas.toBlob) and after the lab's other attacks, the false-
 * positive rate over 10,000+ unmarked trials, and the averaging attack against N.
 * Every figure sits beside its target. Figures, not pass/fail.
 *
 *   npx tsx tests/bench/watermark.ts [pictures per kind, default 60] ['{"strength": 7, …}']
 */
import { pathToFileURL } from 'node:url';
import { loadMnistDigits } from '../../models/tools/mnistSource';
import { averagingAttack } from '../../src/core/provenance/averagingAttack';
import { boxBlur, cropPicture, gaussianNoise, resizeDownUp, rotatePicture } from '../../src/core/provenance/imageAttacks';
import { psnr } from '../../src/core/provenance/imageQuality';
import type { RgbaPicture } from '../../src/core/provenance/picture';
import { digitPicture, toyFacePicture } from '../../src/core/provenance/provenancePictures';
import {
  DEFAULT_WATERMARK_OPTIONS, detectWatermark, detectionThreshold, embedWatermark, payloadBitAccuracy, type WatermarkOptions,
} from '../../src/core/provenance/spreadSpectrumWatermark';
import { SeededRandom } from '../../src/core/shared/seededRandom';
import { ChromiumJpeg } from './browserJpeg';
import { printTable } from './printTable';

interface Item {
  kind: 'face' | 'digit';
  original: RgbaPicture;
  marked: RgbaPicture;
  key: string;
  payload: number;
}

const pct = (x: number, digits = 1) => `${(100 * x).toFixed(digits)}%`;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

function pictures(perKind: number): { kind: Item['kind']; picture: RgbaPicture }[] {
  const digits = loadMnistDigits();
  const rng = new SeededRandom(17);
  const out: { kind: Item['kind']; picture: RgbaPicture }[] = [];
  for (let i = 0; i < perKind; i++) out.push({ kind: 'face', picture: toyFacePicture(10_000 + i) });
  for (let i = 0; i < perKind; i++) {
    const d = rng.int(digits.count);
    out.push({ kind: 'digit', picture: digitPicture(digits.pixels.subarray(d * 784, (d + 1) * 784)) });
  }
  return out;
}

export async function runWatermarkBenchmarks(perKind = 60, overrides: Partial<WatermarkOptions> = {}): Promise<void> {
  const options = { ...DEFAULT_WATERMARK_OPTIONS, ...overrides };
  const rng = new SeededRandom(2024);
  const started = performance.now();
  const items: Item[] = pictures(perKind).map(({ kind, picture }, i) => {
    const key = `bench key ${i} ${rng.int(1e9)}`;
    const payload = Math.floor(rng.next() * 2 ** 32);
    return { kind, original: picture, marked: embedWatermark(picture, key, payload, options).picture, key, payload };
  });
  const embedMs = (performance.now() - started) / items.length;

  const psnrRows = (['face', 'digit'] as const).map((kind) => {
    const values = items.filter((it) => it.kind === kind).map((it) => psnr(it.original, it.marked));
    return [kind === 'face' ? 'toy faces' : 'MNIST digits', values.length, mean(values).toFixed(2), Math.min(...values).toFixed(2), '≥ 38 dB', mean(values) >= 38 ? 'met (mean)' : 'missed'];
  });
  printTable(`Watermark: picture quality (strength ${options.strength}, zig-zag band ${options.bandFirst}–${options.bandLast}, ${embedMs.toFixed(0)} ms per embedding)`, ['pictures', 'n', 'mean PSNR dB', 'lowest dB', 'target', ''], psnrRows, [
    `Options: ${JSON.stringify(options)}.`,
  ]);

  const jpeg = await ChromiumJpeg.start();
  try {
    const markedPictures = items.map((it) => it.marked);
    const q75 = await jpeg.roundTrip(markedPictures, 0.75);
    const q50 = await jpeg.roundTrip(markedPictures, 0.5);
    const q90 = await jpeg.roundTrip(markedPictures, 0.9);
    const cropRng = new SeededRandom(5);
    const attacks: { name: string; target: string; attacked: (it: Item, i: number) => RgbaPicture; crop?: boolean; check?: (exact: number, bits: number) => string }[] = [
      { name: 'none', target: '', attacked: (it) => it.marked },
      { name: `JPEG q90 (Chromium ${jpeg.version()}, ${(q90.meanBytes / 1024).toFixed(1)} KiB)`, target: '', attacked: (_, i) => q90.pictures[i] },
      { name: `JPEG q75 (${(q75.meanBytes / 1024).toFixed(1)} KiB)`, target: '≥ 99% payloads exact', attacked: (_, i) => q75.pictures[i], check: (exact) => (exact >= 0.99 ? 'met' : 'missed') },
      { name: `JPEG q50 (${(q50.meanBytes / 1024).toFixed(1)} KiB)`, target: '≥ 95% bits', attacked: (_, i) => q50.pictures[i], check: (_, bits) => (bits >= 0.95 ? 'met' : 'missed') },
      { name: 'Gaussian noise σ = 5 levels', target: '', attacked: (it, i) => gaussianNoise(it.marked, 5, i) },
      { name: 'box blur 3×3', target: '', attacked: (it) => boxBlur(it.marked, 1) },
      { name: 'resize 0.5× and back (bilinear)', target: '', attacked: (it) => resizeDownUp(it.marked, 0.5) },
      { name: 'crop 75% (96×96 at a random offset, searched)', target: '', crop: true, attacked: (it) => cropPicture(it.marked, cropRng.int(33), cropRng.int(33), 96, 96) },
      { name: 'rotation 1° (no re-alignment)', target: '', attacked: (it) => rotatePicture(it.marked, 1) },
      { name: 'rotation 3° (no re-alignment)', target: '', attacked: (it) => rotatePicture(it.marked, 3) },
      { name: 'rotation 1° then back by −1° (the best a re-aligning detector could get)', target: '', attacked: (it) => rotatePicture(rotatePicture(it.marked, 1), -1) },
    ];
    const rows: string[][] = [];
    for (const attack of attacks) {
      for (const kind of ['face', 'digit', 'all'] as const) {
        const chosen = items.map((it, i) => ({ it, i })).filter(({ it }) => kind === 'all' || it.kind === kind);
        let exact = 0;
        let bits = 0;
        let detected = 0;
        for (const { it, i } of chosen) {
          const picture = attack.attacked(it, i);
          const found = detectWatermark(picture, it.key, { ...options, ...(attack.crop ? { markedWidth: 128, markedHeight: 128 } : {}) });
          if (found.payload === it.payload) exact++;
          if (found.detected) detected++;
          bits += payloadBitAccuracy(found, it.payload);
        }
        const n = chosen.length;
        if (kind !== 'all' && attacks.length > 0) {
          rows.push([attack.name, kind, pct(exact / n), pct(bits / n), pct(detected / n), '', '']);
        } else {
          rows.push([attack.name, 'all', pct(exact / n), pct(bits / n), pct(detected / n), attack.target, attack.check ? attack.check(exact / n, bits / n) : '']);
        }
      }
    }
    printTable('Watermark: payload recovery after attacks (JPEG from headless Chromium\'s canvas.toBlob)', ['attack', 'pictures', 'payload exact', 'bit accuracy', 'mark detected', 'target', ''], rows, [
      'Bit accuracy: the 32 payload bits as read (after BCH correction when it decodes, else straight from the received bits).',
      `Mark detected: the pilot statistic reaches its threshold (${detectionThreshold(options.falsePositiveRate).toFixed(2)} for one placement; ${detectionThreshold(options.falsePositiveRate, 33 * 33).toFixed(2)} when a 96×96 crop is searched over 33×33 placements).`,
    ]);

    // False positives: unmarked pictures (as they are and after JPEG q75), each with many random keys.
    const unmarked = items.map((it) => it.original);
    const unmarkedJpeg = (await jpeg.roundTrip(unmarked, 0.75)).pictures;
    const pool = [...unmarked, ...unmarkedJpeg];
    const trials = Math.max(10_000, pool.length * 25);
    const keysPerPicture = Math.ceil(trials / pool.length);
    let falsePositives = 0;
    let decodedPayloads = 0;
    let gaussianTail = 0;
    let worst = -Infinity;
    const statistics: number[] = [];
    const fpStart = performance.now();
    for (let t = 0; t < trials; t++) {
      const found = detectWatermark(pool[t % pool.length], `unmarked trial key ${Math.floor(t / pool.length)}-${t}`, options);
      if (found.detected) falsePositives++;
      if (found.payload !== null) decodedPayloads++;
      if (found.statistic >= 3.719) gaussianTail++;
      worst = Math.max(worst, found.statistic);
      statistics.push(found.statistic);
    }
    const sd = Math.sqrt(mean(statistics.map((s) => s * s)) - mean(statistics) ** 2);
    // Wrong keys on marked pictures, and unmarked crops searched over every placement.
    let wrongKey = 0;
    const wrongTrials = 2000;
    for (let t = 0; t < wrongTrials; t++) if (detectWatermark(items[t % items.length].marked, `wrong key ${t}`, options).detected) wrongKey++;
    let cropFalse = 0;
    const cropTrials = 300;
    for (let t = 0; t < cropTrials; t++) {
      const it = items[t % items.length];
      if (detectWatermark(cropPicture(it.original, (t * 7) % 33, (t * 13) % 33, 96, 96), `crop trial ${t}`, { ...options, markedWidth: 128, markedHeight: 128 }).detected) cropFalse++;
    }
    printTable('Watermark: false positives', ['trials', 'n', 'false positives', 'rate', 'target', ''], [
      [`unmarked pictures (${pool.length}: faces and digits, as made and after JPEG q75) × ${keysPerPicture} random keys`, trials, falsePositives, (falsePositives / trials).toExponential(1), '≤ 1e-4', falsePositives / trials <= 1e-4 ? 'met' : 'missed'],
      ['marked pictures, wrong key', wrongTrials, wrongKey, (wrongKey / wrongTrials).toExponential(1), '≤ 1e-4', ''],
      ['unmarked 96×96 crops, 1,089 placements searched each', cropTrials, cropFalse, (cropFalse / cropTrials).toExponential(1), '≤ 1e-4', ''],
    ], [
      `Threshold τ = √(2 ln 10⁴) = ${detectionThreshold(options.falsePositiveRate).toFixed(3)} from Hoeffding's inequality (P(T ≥ τ) ≤ e^(−τ²/2) for any picture, over the key's random chips).`,
      `Null statistic over the unmarked trials: mean ${mean(statistics).toFixed(3)}, standard deviation ${sd.toFixed(3)} (theory: 0 and at most 1), largest ${worst.toFixed(2)};`,
      `  ${gaussianTail} trials (${pct(gaussianTail / trials, 2)}) reached 3.72, the Gaussian approximation's 1e-4 point. ${decodedPayloads} of ${trials} unmarked trials produced a BCH/CRC-valid payload (reported only if the pilot also fires).`,
      `  (${((performance.now() - fpStart) / 1000).toFixed(1)} s)`,
    ]);
  } finally {
    await jpeg.close();
  }

  // The averaging attack: N toy faces marked with one key and payload; the estimate is removed from 12 other marked faces.
  const key = 'one camera\'s key';
  const payload = 0x5eed1234;
  const faces = Array.from({ length: 76 }, (_, i) => toyFacePicture(50_000 + i));
  const markedFaces = faces.map((f) => embedWatermark(f, key, payload, options).picture);
  const targets = markedFaces.slice(64);
  const avgRows: string[][] = [];
  for (const n of [0, 1, 2, 4, 8, 16, 32, 64]) {
    let bits = 0;
    let detected = 0;
    let exact = 0;
    const quality: number[] = [];
    targets.forEach((target, t) => {
      const attacked = n === 0 ? target : averagingAttack(markedFaces.slice(0, n), target).picture;
      const found = detectWatermark(attacked, key, options);
      bits += payloadBitAccuracy(found, payload);
      if (found.detected) detected++;
      if (found.payload === payload) exact++;
      quality.push(psnr(faces[64 + t], attacked));
    });
    avgRows.push([n === 0 ? 'no attack' : String(n), pct(bits / targets.length), pct(exact / targets.length), pct(detected / targets.length), mean(quality).toFixed(1)]);
  }
  printTable('Watermark: averaging attack (N faces marked with one key and payload; their mean fine detail subtracted from 12 other marked faces)', ['N', 'bit accuracy', 'payload exact', 'mark detected', 'PSNR vs unmarked dB'], avgRows, [
    'Fine detail = luminance minus its Gaussian blur (σ = 4 px). 50% bit accuracy is chance: the payload is gone; below 50%, bits are being flipped.',
    'PSNR against the unmarked original shows what the removal costs the picture: with few pictures it subtracts their faces too.',
  ]);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const perKind = Number(process.argv[2] ?? 60);
  const overrides = process.argv[3] ? (JSON.parse(process.argv[3]) as Partial<WatermarkOptions>) : {};
  await runWatermarkBenchmarks(perKind, overrides);
  process.exit(0);
}
