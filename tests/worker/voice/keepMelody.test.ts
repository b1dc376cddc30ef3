import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/core/shared/tf';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmFastKernels } from '../../../src/core/shared/wasmFastKernels';
import { decodeVoiceCheckpoint } from '../../../src/core/voice/voiceCheckpoint';
import { findPretrainedVoice } from '../../../src/core/voice/pretrainedVoices';
import { pearson, trackPitch } from '../../../src/core/voice/pitchTracker';
import { VoiceLab } from '../../../src/worker/voice/voiceAdapter';
import type { VoiceFrame } from '../../../src/protocol/voice/voiceProtocol';
import { QueuedClock, collect } from '../shared/sessionTestKit';

const SHIPPED = resolve(__dirname, '../../../models/voice-juno-orbo.weights');
let lab: VoiceLab;

beforeAll(async () => {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  expect(await tf.setBackend('wasm')).toBe(true);
  registerWasmFastKernels();
});

afterAll(() => lab?.dispose());

/**
 * Pearson's correlation of two pitch contours in log pitch over the frames voiced in both. The
 * mapping into the target's range is affine in log pitch, so this is the correlation with the
 * source's mapped melody whatever the two ranges measured.
 */
function melodyCorrelation(source: Float32Array, output: Float32Array): { r: number; frames: number } {
  const a = trackPitch(source).f0;
  const b = trackPitch(output).f0;
  const both = Array.from(a.keys()).filter((t) => a[t] > 0 && b[t] > 0);
  return { r: pearson(both.map((t) => Math.log2(a[t])), both.map((t) => Math.log2(b[t]))), frames: both.length };
}

const rms = (x: Float32Array) => Math.sqrt(x.reduce((s, v) => s + v * v, 0) / x.length);

describe('keeping the source\'s melody in the clone the learner plays', () => {
  it('follows Juno\'s melody on the preview utterance with the shipped model when on, and is the decoder\'s own sound when off', async () => {
    lab = new VoiceLab({ pretrained: async () => decodeVoiceCheckpoint(new Uint8Array(readFileSync(SHIPPED))) }, new QueuedClock());
    const { frames } = collect<VoiceFrame>(lab.session);
    await lab.session.configure({ ...findPretrainedVoice('juno-orbo')!.settings }, { kind: 'pretrained', id: 'juno-orbo' });
    const p = frames.at(-1)!.preview;
    const source = lab.realSound('realA');

    const kept = lab.convertedSound(p.convertedAB, p.length, true);
    const own = lab.convertedSound(p.convertedAB, p.length, false);
    expect(kept.length).toBe(p.length);
    expect(rms(kept)).toBeGreaterThan(0.01);
    // Off is exactly today's sound: Griffin–Lim of the decoder's output.
    expect(own).toEqual(lab.resynthesise(p.convertedAB, p.length));
    expect(kept).not.toEqual(own);

    const on = melodyCorrelation(source, kept);
    const off = melodyCorrelation(source, own);
    expect(on.frames).toBeGreaterThan(0.6 * p.frames);
    expect(on.r, `melody correlation on ${on.r.toFixed(3)}, off ${off.r.toFixed(3)}`).toBeGreaterThan(0.9);
    // In Orbo's range: the median pitch within four semitones of Orbo's own 105 Hz, not Juno's 215 Hz.
    const f0 = [...trackPitch(kept).f0].filter((f) => f > 0).sort((x, y) => x - y);
    expect(Math.abs(12 * Math.log2(f0[f0.length >> 1] / 105))).toBeLessThan(4);
    console.log(`melody correlation with Juno's preview: kept ${on.r.toFixed(3)} (${on.frames} frames), decoder's own ${off.r.toFixed(3)} (${off.frames} frames)`);

    expect(() => lab.convertedSound(p.convertedAB.subarray(1), p.length, true)).toThrow(/do not fit/);
    expect(() => lab.convertedSound(p.convertedAB, p.length, 'yes' as unknown as boolean)).toThrow(/must be true or false/);
    const shorter = p.length - 4 * 128;
    expect(() => lab.convertedSound(p.convertedAB.subarray(0, (p.frames - 4) * p.bins), shorter, true)).toThrow(/Only a conversion of the preview/);
  });
});
