import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/core/shared/tf';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmFastKernels } from '../../../src/core/shared/wasmFastKernels';
import { DEFAULT_VOICE_CONVERSION_SETTINGS, type VoiceConversionSettings } from '../../../src/core/voice/voiceConversionSettings';
import { decodeVoiceCheckpoint, type VoiceCheckpoint } from '../../../src/core/voice/voiceCheckpoint';
import { storedValues } from '../../../src/core/shared/weightsBundle';
import { VoiceLab, type VoiceFiles } from '../../../src/worker/voice/voiceAdapter';
import type { VoiceFrame } from '../../../src/protocol/voice/voiceProtocol';
import type { StartRequest } from '../../../src/protocol/shared/sessionProtocol';
import { FakeClock, QueuedClock, collect, expectRateOverWindow } from '../shared/sessionTestKit';

/** Tiny: a handful of utterances and narrow layers, so a build and a few steps take well under a second. */
const small = (overrides: Partial<VoiceConversionSettings> = {}): VoiceConversionSettings => ({
  ...DEFAULT_VOICE_CONVERSION_SETTINGS, utterancesPerVoice: 3, hiddenSize: 8, codeSize: 4, batchSize: 8, contextFrames: 1, ...overrides,
});

const files = (pretrained: Record<string, VoiceCheckpoint> = {}): VoiceFiles => ({
  pretrained: async (id) => pretrained[id] ?? Promise.reject(new Error(`There is no pretrained voice model called "${id}".`)),
});
const scratch: StartRequest = { kind: 'scratch' };
let lab: VoiceLab;

beforeAll(async () => {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  expect(await tf.setBackend('wasm')).toBe(true);
  registerWasmFastKernels();
});

afterEach(() => lab?.session.dispose());

const rms = (x: Float32Array) => Math.sqrt(x.reduce((s, v) => s + v * v, 0) / x.length);

describe('the voice lab on the training session', () => {
  it('posts the four spectrograms with their tracks at once, and one metric point per manual step', async () => {
    lab = new VoiceLab(files(), new QueuedClock());
    const { session } = lab;
    const { frames, statuses } = collect<VoiceFrame>(session);
    await session.configure(small(), scratch);
    expect(statuses.at(-1)).toEqual({ kind: 'paused' });
    const first = frames.at(-1)!.preview;
    expect(first.bins).toBe(257);
    expect(first.frames).toBe(Math.floor((first.length - 1) / 128) + 1);
    for (const picture of [first.realA, first.realB, first.rebuiltA, first.convertedAB]) expect(picture.length).toBe(first.frames * first.bins);
    expect(first.formantsA.length).toBe(3 * first.frames);
    // Juno's vocal tract is shorter than Orbo's, so every formant of the same words sits higher.
    const mid = Math.floor(first.frames / 2);
    for (let k = 0; k < 3; k++) expect(first.formantsA[k * first.frames + mid]).toBeGreaterThan(first.formantsB[k * first.frames + mid]);
    // The measured pitch of the real pictures sits near each voice's own (Juno 215 Hz, Orbo 105 Hz), within four semitones.
    const median = (x: Float32Array) => [...x].filter((v) => v > 0).sort((a, b) => a - b)[Math.floor(x.filter((v) => v > 0).length / 2)];
    expect(Math.abs(12 * Math.log2(median(first.pitch.realA) / 215))).toBeLessThan(4);
    expect(Math.abs(12 * Math.log2(median(first.pitch.realB) / 105))).toBeLessThan(4);
    session.step();
    const after = frames.at(-1)!;
    expect(after.steps).toBe(1);
    expect(after.newMetrics).toHaveLength(1);
    expect(after.newMetrics[0].step).toBe(1);
    expect(after.newMetrics[0].lossA).toBeGreaterThan(0);
    expect(after.preview.realA).toEqual(first.realA);
    expect(after.preview.convertedAB).not.toEqual(first.convertedAB);
  });

  it('reports the steps per second over the shared window while playing on a manual clock', async () => {
    const clock = new FakeClock();
    lab = new VoiceLab(files(), clock);
    await lab.session.configure(small(), scratch);
    expectRateOverWindow(lab.session, clock, 0);
  });

  it('refuses bad settings and a misfit model file with the reason, and keeps training the model it had', async () => {
    lab = new VoiceLab(files(), new QueuedClock());
    const { session } = lab;
    const { frames } = collect<VoiceFrame>(session);
    await session.configure(small(), scratch);
    session.step();
    session.step();
    const before = frames.at(-1)!;
    await expect(session.configure(small({ voiceB: 'juno' }), scratch)).rejects.toThrow(/voiceA and voiceB must be different voices/);
    await expect(session.configure(small(), { kind: 'pretrained', id: 'nope' })).rejects.toThrow(/no pretrained voice model called "nope"/);
    const file = session.saveModel();
    await expect(session.configure(small({ codeSize: 5 }), { kind: 'file', name: 'mine.weights', bytes: file })).rejects.toThrow(/"mine.weights" does not fit these settings: .*codeSize 4.*codeSize 5/);
    await expect(session.configure(null, { kind: 'file', name: 'junk.weights', bytes: new Uint8Array([1, 2, 3]) })).rejects.toThrow(/not a voice-lab model file/);
    session.step();
    const after = frames.at(-1)!;
    expect(after.steps).toBe(before.steps + 1);
    expect(after.preview.realA).toEqual(before.preview.realA);
  });

  it('saves a file that loads back with the same settings, steps and (float16) weights', async () => {
    lab = new VoiceLab(files(), new QueuedClock());
    const { session } = lab;
    const { frames } = collect<VoiceFrame>(session);
    await session.configure(small({ seed: 5 }), scratch);
    for (let i = 0; i < 3; i++) session.step();
    const trained = frames.at(-1)!.preview.convertedAB;
    const bytes = session.saveModel();
    const saved = decodeVoiceCheckpoint(bytes);
    expect(saved.settings).toEqual(small({ seed: 5 }));
    expect(saved.steps).toBe(3);
    // The file carries the model's normalisation, so loading it need not synthesise the training utterances.
    expect(saved.normalisation!.a.mean).toEqual(session.model!.trainer.stats.a.mean);
    expect(saved.normalisation!.b.std).toEqual(session.model!.trainer.stats.b.std);
    const original = new Map(saved.weights.map((w) => [w.name, w.data]));
    const accepted = await session.configure(null, { kind: 'file', name: 'saved.weights', bytes });
    expect(accepted.settings).toEqual(small({ seed: 5 }));
    expect(accepted.start?.steps).toBe(3);
    const reloaded = decodeVoiceCheckpoint(session.saveModel());
    for (const w of reloaded.weights) expect(w.data).toEqual(storedValues(original.get(w.name)!, 'float16'));
    const loaded = frames.at(-1)!;
    expect(loaded.steps).toBe(3);
    // float16 weights convert the preview almost exactly as before.
    let worst = 0;
    loaded.preview.convertedAB.forEach((v, i) => { worst = Math.max(worst, Math.abs(v - trained[i])); });
    expect(worst).toBeLessThan(0.05);
  });

  it('keeps the tensor count flat after the first optimizer step, and frees everything on dispose', async () => {
    const baseline = tf.memory().numTensors;
    lab = new VoiceLab(files(), new QueuedClock());
    const { session } = lab;
    await session.configure(small({ encoder: 'separate' }), scratch);
    session.step();
    const afterFirst = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) session.step();
    lab.puppet({ pitch: 2, vowel: 'i', breathiness: 0.5 });
    expect(tf.memory().numTensors).toBe(afterFirst);
    session.dispose();
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('gives sound for the real utterances, for any spectrogram by Griffin–Lim, and for the puppet; bad requests are refused', async () => {
    lab = new VoiceLab(files(), new QueuedClock());
    const { session } = lab;
    const { frames } = collect<VoiceFrame>(session);
    await session.configure(small(), scratch);
    const p = frames.at(-1)!.preview;
    const real = lab.realSound('realA');
    expect(real.length).toBe(p.length);
    expect(rms(real)).toBeCloseTo(0.1, 2);
    // Griffin–Lim of the real spectrogram gives a sound as loud as the real one (within 20%).
    const rebuilt = lab.resynthesise(p.realA, p.length);
    expect(rebuilt.length).toBe(p.length);
    expect(Math.abs(rms(rebuilt) / rms(real) - 1)).toBeLessThan(0.2);
    expect(() => lab.resynthesise(p.realA.subarray(1), p.length)).toThrow(/do not fit/);
    expect(() => lab.realSound('convertedAB' as 'realA')).toThrow(/Only the real preview utterances/);
    const puppet = lab.puppet({ pitch: -3, vowel: 'u', breathiness: 0.1 });
    expect(puppet.source.length).toBe(puppet.frames * puppet.bins);
    expect(puppet.convertedSound.length).toBe(puppet.length);
    expect(rms(puppet.convertedSound)).toBeGreaterThan(0);
    expect(() => lab.puppet({ pitch: 30, vowel: 'u', breathiness: 0 })).toThrow(/pitch must be from -7 to 7/);
  });
});
