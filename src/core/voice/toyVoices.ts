/**
 * The invented voices of the voice lab: the face-swap lab's cartoon characters, given
 * synthetic voices. No real person's voice is recorded or imitated; every voice is a
 * source-filter synthesiser (voiceSynth.ts) with a few numbers that set it apart.
 *
 * Vowel formants are the Peterson & Barney (1952) averages for men; a voice's
 * `tractScale` multiplies all of them together, as a shorter vocal tract does
 * (women's averages are about 1.15–1.2× men's, children's higher still).
 */

export const VOWELS = ['a', 'i', 'u'] as const;
export type Vowel = (typeof VOWELS)[number];

export interface FormantSet {
  /** F1, F2, F3 in Hz. */
  frequencies: readonly [number, number, number];
  /** Their bandwidths in Hz. */
  bandwidths: readonly [number, number, number];
}

/** Peterson & Barney's averages for men (Hz); bandwidths are typical values for these vowels. */
export const VOWEL_FORMANTS: Readonly<Record<Vowel, FormantSet>> = {
  a: { frequencies: [730, 1090, 2440], bandwidths: [90, 110, 160] },
  i: { frequencies: [270, 2290, 3010], bandwidths: [60, 100, 180] },
  u: { frequencies: [300, 870, 2240], bandwidths: [60, 90, 150] },
};

export interface ToyVoice {
  id: string;
  name: string;
  /** One line for the lab's legend. */
  description: string;
  /** Middle of the voice's pitch, Hz. */
  f0: number;
  /** How far an utterance's pitch contour wanders either side of f0, in semitones. */
  pitchRange: number;
  /** Every formant is the men's average times this (a shorter vocal tract, higher formants). */
  tractScale: number;
  /** 0 = a clean buzz, 1 = whisper: the share of noise in the glottal source. */
  breathiness: number;
  /** Seconds per vowel (a slower speaker has longer vowels). */
  vowelSeconds: number;
}

export const TOY_VOICES: readonly ToyVoice[] = [
  {
    id: 'juno',
    name: 'Juno',
    description: 'high, slightly breathy voice, short vocal tract, quick',
    f0: 215,
    pitchRange: 2.5,
    tractScale: 1.17,
    breathiness: 0.25,
    vowelSeconds: 0.22,
  },
  {
    id: 'orbo',
    name: 'Orbo',
    description: 'low, clear voice, long vocal tract, slow',
    f0: 105,
    pitchRange: 2,
    tractScale: 0.97,
    breathiness: 0.05,
    vowelSeconds: 0.3,
  },
  {
    id: 'mags',
    name: 'Mags',
    description: 'middle pitch, very breathy, lively intonation',
    f0: 160,
    pitchRange: 4,
    tractScale: 1.08,
    breathiness: 0.45,
    vowelSeconds: 0.26,
  },
  {
    id: 'tilly',
    name: 'Tilly',
    description: 'very high, clear voice, the shortest vocal tract, fast',
    f0: 270,
    pitchRange: 3,
    tractScale: 1.26,
    breathiness: 0.12,
    vowelSeconds: 0.19,
  },
];

export const TOY_VOICE_IDS: readonly string[] = TOY_VOICES.map((v) => v.id);

export function voiceOrThrow(id: string): ToyVoice {
  const voice = TOY_VOICES.find((v) => v.id === id);
  if (!voice) throw new Error(`Unknown voice "${id}": choose one of ${TOY_VOICE_IDS.join(', ')}.`);
  return voice;
}

/** A vowel's formants in a voice: the men's averages scaled by the voice's vocal-tract factor. */
export function voiceFormants(voice: Pick<ToyVoice, 'tractScale'>, vowel: Vowel): FormantSet {
  const base = VOWEL_FORMANTS[vowel];
  const f = base.frequencies.map((x) => x * voice.tractScale) as unknown as [number, number, number];
  const b = base.bandwidths.map((x) => x * voice.tractScale) as unknown as [number, number, number];
  return { frequencies: f, bandwidths: b };
}
