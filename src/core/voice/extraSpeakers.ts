/**
 * More invented speakers than the lab's four characters: a crowd for the voice lock to learn
 * what makes voices differ in general (pitch, vocal-tract length, breathiness, tempo, intonation),
 * so it can tell apart speakers it has never heard. Each is a source-filter voice like the
 * characters (toyVoices.ts), with its numbers drawn from a seed within the characters' ranges
 * and a little beyond; none imitates anyone.
 */
import { SeededRandom } from '../shared/seededRandom';
import type { ToyVoice } from './toyVoices';
import { randomUtterance } from './voiceSynth';
import { frameUtterance, type FramedUtterance } from './voiceFrames';
import type { Stft } from './stft';

/** The ranges extra speakers are drawn from (f0 log-uniformly, the rest uniformly). */
export const EXTRA_SPEAKER_RANGES = {
  f0: { min: 90, max: 300 },
  pitchRange: { min: 1.5, max: 4.5 },
  tractScale: { min: 0.92, max: 1.3 },
  breathiness: { min: 0.03, max: 0.5 },
  vowelSeconds: { min: 0.17, max: 0.32 },
} as const;

/** `count` invented speakers from `seed` (ids `extra-<seed>-<i>`); the same seed gives the same crowd. */
export function extraSpeakers(count: number, seed: number): ToyVoice[] {
  if (!(Number.isInteger(count) && count >= 1 && count <= 1000)) throw new RangeError(`Ask for 1 to 1000 extra speakers, not ${count}.`);
  const rng = new SeededRandom(seed).fork(77);
  const r = EXTRA_SPEAKER_RANGES;
  return Array.from({ length: count }, (_, i) => ({
    id: `extra-${seed}-${i}`,
    name: `Speaker ${i + 1}`,
    description: 'an invented voice from the crowd the voice lock learns on',
    f0: r.f0.min * (r.f0.max / r.f0.min) ** rng.next(),
    pitchRange: rng.uniform(r.pitchRange.min, r.pitchRange.max),
    tractScale: rng.uniform(r.tractScale.min, r.tractScale.max),
    breathiness: rng.uniform(r.breathiness.min, r.breathiness.max),
    vowelSeconds: rng.uniform(r.vowelSeconds.min, r.vowelSeconds.max),
  }));
}

/** `count` random utterances of any voice (a character or an extra speaker), framed; the same seed gives the same utterances. */
export function framedUtterancesOf(voice: ToyVoice, count: number, seed: number, stft: Stft): FramedUtterance[] {
  if (!(Number.isInteger(count) && count >= 0)) throw new RangeError(`Ask for a whole number of utterances, not ${count}.`);
  const rng = new SeededRandom(seed);
  return Array.from({ length: count }, () => frameUtterance(randomUtterance(voice, rng), stft));
}
