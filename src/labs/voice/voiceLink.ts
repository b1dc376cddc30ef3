/**
 * The voice lab's set-up as a shareable link, and back: where training starts (from scratch or a
 * pretrained model by id) and every setting, on core/shared/settingsLink.ts. Only values that
 * differ from the start's own settings are written. Reading never fails: each refused or unknown
 * parameter becomes a notice naming it, and the rest of the link still applies. A loaded model
 * file cannot travel in a link.
 */
import {
  formatLinkQuery, keepStartShape, parseLinkQuery, rawLinkParam, readLinkValue, refusedProblem, type LinkSchema, type LinkValues,
} from '../../core/shared/settingsLink';
import { TOY_VOICE_IDS } from '../../core/voice/toyVoices';
import { findPretrainedVoice } from '../../core/voice/pretrainedVoices';
import {
  DEFAULT_VOICE_CONVERSION_SETTINGS, FRAME_SIZES, NORMALISATIONS, VOICE_ENCODER_MODES, VOICE_LIMITS, voiceConversionSettingsProblems,
  type VoiceConversionSettings,
} from '../../core/voice/voiceConversionSettings';
import { hashFor } from '../shared/hashRoute';
import { DEFAULT_VOICE_START, VOICE_SCRATCH_START, VOICE_START_CHOICES, type VoiceStartChoice } from './voiceStarts';

export const VOICE_LAB_PATH = '/voice';
const SCRATCH = 'scratch';
const PRETRAINED_IDS = VOICE_START_CHOICES.filter((c) => c.request.kind === 'pretrained').map((c) => c.id);

const PARAMS: readonly (readonly [keyof VoiceConversionSettings, string])[] = [
  ['voiceA', 'a'], ['voiceB', 'b'], ['encoder', 'encoder'], ['normalisation', 'norm'], ['frameSize', 'frame'], ['contextFrames', 'context'],
  ['hiddenSize', 'hidden'], ['codeSize', 'code'], ['warp', 'warp'], ['batchSize', 'batch'], ['learningRate', 'lr'],
  ['utterancesPerVoice', 'utterances'], ['seed', 'seed'],
];

const L = VOICE_LIMITS;
export const VOICE_LINK_SCHEMA: LinkSchema = {
  start: { kind: 'enum', options: [SCRATCH, ...PRETRAINED_IDS] },
  a: { kind: 'enum', options: TOY_VOICE_IDS },
  b: { kind: 'enum', options: TOY_VOICE_IDS },
  encoder: { kind: 'enum', options: VOICE_ENCODER_MODES },
  norm: { kind: 'enum', options: NORMALISATIONS },
  frame: { kind: 'enum', options: FRAME_SIZES.map(String) },
  context: { kind: 'number', ...L.contextFrames, integer: true },
  hidden: { kind: 'number', ...L.hiddenSize, integer: true },
  code: { kind: 'number', ...L.codeSize, integer: true },
  warp: { kind: 'number', ...L.warp },
  batch: { kind: 'number', ...L.batchSize, integer: true },
  lr: { kind: 'number', ...L.learningRate },
  utterances: { kind: 'number', ...L.utterancesPerVoice, integer: true },
  seed: { kind: 'number', ...L.seed, integer: true },
};

function toValues(settings: VoiceConversionSettings, start: string): LinkValues {
  const values: LinkValues = { start };
  for (const [key, param] of PARAMS) values[param] = key === 'frameSize' ? String(settings.frameSize) : settings[key];
  return values;
}

function startSettings(start: string): VoiceConversionSettings {
  return { ...(findPretrainedVoice(start)?.settings ?? DEFAULT_VOICE_CONVERSION_SETTINGS) };
}

/** A start as a link names it: a shipped model by id; a model file opens as a run from scratch. */
const linkStart = (start: VoiceStartChoice) => (start.request.kind === 'pretrained' ? start.request.id : SCRATCH);

/** The hash (with `#`) that reproduces this set-up. */
export function voiceLinkHash(settings: VoiceConversionSettings, start: VoiceStartChoice): string {
  const id = linkStart(start);
  const base = { ...toValues(startSettings(id), id), start: DEFAULT_VOICE_START.id };
  return hashFor(VOICE_LAB_PATH, formatLinkQuery(VOICE_LINK_SCHEMA, toValues(settings, id), base));
}

export interface VoiceLinkState {
  settings: VoiceConversionSettings;
  start: VoiceStartChoice;
  notices: string[];
}

export function readVoiceLink(query: string): VoiceLinkState {
  const startRaw = rawLinkParam(query, 'start');
  const startRead = startRaw === undefined ? null : readLinkValue(VOICE_LINK_SCHEMA.start, startRaw);
  const startId = startRead && 'value' in startRead ? (startRead.value as string) : DEFAULT_VOICE_START.id;
  const baseSettings = startSettings(startId);
  const base = toValues(baseSettings, startId);
  const parsed = parseLinkQuery(VOICE_LINK_SCHEMA, query, base);
  if (startId !== SCRATCH) keepStartShape(parsed, base, ['a', 'b', 'encoder', 'norm', 'frame', 'context', 'hidden', 'code'], startId, query);
  const v = parsed.values;
  if (v.a === v.b) {
    const param = parsed.given.has('b') ? 'b' : 'a';
    parsed.problems.push(refusedProblem(param, rawLinkParam(query, param) ?? String(v[param]), 'names the same voice as the other side', base[param]));
    v.a = DEFAULT_VOICE_CONVERSION_SETTINGS.voiceA;
    v.b = DEFAULT_VOICE_CONVERSION_SETTINGS.voiceB;
  }
  const settings = { ...baseSettings } as unknown as Record<string, unknown>;
  for (const [key, param] of PARAMS) settings[key] = key === 'frameSize' ? Number(v[param]) : v[param];
  const notices = parsed.problems.map((p) => p.message);
  const start = VOICE_START_CHOICES.find((c) => c.id === startId) ?? VOICE_SCRATCH_START;
  const problems = voiceConversionSettingsProblems(settings as unknown as VoiceConversionSettings);
  if (problems.length > 0) {
    notices.push(`These settings do not fit together (${problems.join('; ')}); using the defaults instead.`);
    return { settings: baseSettings, start, notices };
  }
  return { settings: settings as unknown as VoiceConversionSettings, start, notices };
}

/** What the link leaves out of this set-up, for the share box; null when it carries everything. */
export function voiceLinkLeftOut(start: VoiceStartChoice): string | null {
  if (start.request.kind !== 'file') return null;
  return `The model file "${start.request.name}" is not part of the link: it opens these settings from scratch. To share the trained weights, use "Save this model" and send the file.`;
}
