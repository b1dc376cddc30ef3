/**
 * The voice lab's security calls in the worker (voiceSecurity.ts): the voice lock, the clone
 * detector and the quiz, on a tiny conversion model and small sizes so the whole file takes a
 * few seconds. The session runs on a manual clock; the long calls yield through a manual yield.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/core/shared/tf';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmFastKernels } from '../../../src/core/shared/wasmFastKernels';
import { acceptedShare } from '../../../src/core/shared/errorRates';
import { DEFAULT_VOICE_CONVERSION_SETTINGS, type VoiceConversionSettings } from '../../../src/core/voice/voiceConversionSettings';
import { VoiceLab, type VoiceFiles } from '../../../src/worker/voice/voiceAdapter';
import type { SecuritySizes } from '../../../src/worker/voice/voiceSecurity';
import type { SecurityProgress } from '../../../src/protocol/voice/voiceSecurityProtocol';
import { QueuedClock } from '../shared/sessionTestKit';

const small: VoiceConversionSettings = { ...DEFAULT_VOICE_CONVERSION_SETTINGS, utterancesPerVoice: 3, hiddenSize: 8, codeSize: 4, batchSize: 8, contextFrames: 1 };
const files: VoiceFiles = { pretrained: async (id) => { throw new Error(`No pretrained voice model "${id}" in this test.`); } };
const sizes: SecuritySizes = { griffinLimIterations: 2, lockExtraHeld: 1, lockEnrol: 2, lockTrials: 2, lockClones: 3, detectorTrain: 3, detectorHeld: 3 };
let yields = 0;
const manualYield = () => { yields++; return Promise.resolve(); };
let lab: VoiceLab | null = null;

beforeAll(async () => {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  expect(await tf.setBackend('wasm')).toBe(true);
  registerWasmFastKernels();
});

afterEach(() => {
  lab?.dispose();
  lab = null;
});

async function openLab(): Promise<VoiceLab> {
  lab = new VoiceLab(files, new QueuedClock(), { yieldNow: manualYield, sizes });
  await lab.session.configure(small, { kind: 'scratch' });
  return lab;
}

describe('the voice lab\'s security calls', () => {
  it('trains the voice lock, enrols the target and reports rates that agree with its own score lists; tensors stay flat', async () => {
    const baseline = tf.memory().numTensors;
    const { security, session } = await openLab();
    const afterBuild = tf.memory().numTensors;
    const seen: SecurityProgress[] = [];
    const r = await security.trainVoiceLock({ steps: 30, trainingSpeakers: 4 }, (p) => seen.push(p));
    expect(r.target).toBe('Orbo');
    expect(r.source).toBe('Juno');
    expect(r.impostor).not.toMatch(/Juno|Orbo/);
    expect(r.heldOutSpeakers).toBe(5);
    // 5 speakers × 2 trials: 10 genuine, 40 impostor trials; 3 clones of Orbo.
    expect(r.genuine.length).toBe(10);
    expect(r.impostorScores.length).toBe(40);
    expect(r.clone.length).toBe(3);
    // The figures match the lists they summarise (an independent count).
    expect(r.impostorAcceptance).toBeCloseTo(acceptedShare(r.impostorScores, r.threshold), 6);
    expect(r.cloneAcceptance).toBeCloseTo(acceptedShare(r.clone, r.threshold), 6);
    expect(r.genuineRejection).toBeCloseTo(1 - acceptedShare(r.genuine, r.threshold), 6);
    for (const v of [...r.genuine, ...r.impostorScores, ...r.clone]) expect(Math.abs(v)).toBeLessThanOrEqual(1 + 1e-5);
    // ROC curves run from (0, 0) to (1, 1).
    for (const c of [r.impostorCurve, r.cloneCurve]) expect([c[0], c[1], c.at(-2), c.at(-1)]).toEqual([0, 0, 1, 1]);
    for (const clip of [r.demo.real, r.demo.impostor, r.demo.clone]) expect(clip.signal.length).toBeGreaterThan(1000);
    expect(Number.isFinite(r.loss)).toBe(true);
    // Progress rises to 1 and the work yielded along the way.
    expect(seen.at(-1)!.fraction).toBe(1);
    for (let i = 1; i < seen.length; i++) expect(seen[i].fraction).toBeGreaterThanOrEqual(seen[i - 1].fraction);
    expect(yields).toBeGreaterThan(0);
    // The lock was freed: only the session's model is left.
    expect(tf.memory().numTensors).toBe(afterBuild);
    session.step();
    lab!.dispose();
    lab = null;
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('trains the clone detector, deals a quiz of five real and five cloned clips with its verdicts, and frees the detector', async () => {
    const baseline = tf.memory().numTensors;
    const { security } = await openLab();
    const afterBuild = tf.memory().numTensors;
    const r = await security.trainCloneDetector({ steps: 200 });
    expect(r.trainClips).toBe(2 * 3 * 3);
    expect(r.heldOutClips).toBe(2 * 3 * 3);
    expect(r.bandSaliency.length).toBe(16);
    expect(r.bandHz).toBe(500);
    expect(r.bandSaliency.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(r.statisticSaliency.length).toBe(4);
    expect(r.accuracy).toBeGreaterThanOrEqual(0);
    expect(r.equalErrorRate).toBeLessThanOrEqual(1);
    // The loss falls from the first recorded step to the last.
    expect(r.loss.at(-1)!).toBeLessThan(r.loss[1]);
    // Down the phone line: its accuracy at ½ is what its two shares say (a third of the clips are clones), counted from the same scores another way.
    const line = r.phoneLine;
    expect(line.accuracy).toBeCloseTo((2 * (1 - line.realCalledClone) + line.clonesCaught) / 3, 6);
    expect(line.equalErrorRate).toBeGreaterThanOrEqual(0);
    expect(line.equalErrorRate).toBeLessThanOrEqual(1);
    const detectorTensors = tf.memory().numTensors;
    expect(detectorTensors).toBeGreaterThan(afterBuild);
    const quiz = await security.dealQuiz(7);
    expect(quiz.clips).toHaveLength(10);
    expect(quiz.clips.filter((c) => c.isClone)).toHaveLength(5);
    for (const c of quiz.clips) {
      expect(c.detectorScore).toBeGreaterThanOrEqual(0);
      expect(c.detectorScore).toBeLessThanOrEqual(1);
      expect(c.kind).toBe(c.isClone ? 'clone' : c.kind === 'raw' ? 'raw' : 'resynthesised');
    }
    // The same seed deals the same quiz; dealing adds no tensors.
    const again = await security.dealQuiz(7);
    expect(again.clips.map((c) => c.detectorScore)).toEqual(quiz.clips.map((c) => c.detectorScore));
    expect(tf.memory().numTensors).toBe(detectorTensors);
    // Training again replaces the detector rather than keeping both.
    await security.trainCloneDetector({ steps: 5 });
    expect(tf.memory().numTensors).toBe(detectorTensors);
    lab!.dispose();
    lab = null;
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('refuses bad requests with the reason, and a second job while one runs', async () => {
    const { security } = await openLab();
    expect(() => security.trainVoiceLock({ steps: 0 })).toThrow(/The voice lock trains for 1 to 3,000 steps, not 0/);
    expect(() => security.trainVoiceLock({ steps: 2.5 })).toThrow(/not 2.5/);
    expect(() => security.trainVoiceLock({ steps: 10, trainingSpeakers: 2 })).toThrow(/4 to 80 invented speakers, not 2/);
    expect(() => security.trainCloneDetector({ steps: 10_000 })).toThrow(/The clone detector trains for 1 to 5,000 steps, not 10000/);
    expect(() => security.trainCloneDetector(null as never)).toThrow(/not undefined/);
    expect(() => security.dealQuiz(-1)).toThrow(/seed is a whole number from 0 to 2147483647, not -1/);
    const first = security.trainCloneDetector({ steps: 5 });
    await expect(security.trainVoiceLock({ steps: 5, trainingSpeakers: 4 })).rejects.toThrow(/Wait for the clone detector's training to finish/);
    await first;
  });

  it('refuses to work before a conversion model exists', async () => {
    lab = new VoiceLab(files, new QueuedClock(), { yieldNow: manualYield, sizes });
    await expect(lab.security.trainCloneDetector({ steps: 5 })).rejects.toThrow(/.+/);
  });
});
