/** The settings editor's rules for the voice lab: when two settings are the same, what is wrong with one (in the controls' words), and which start an edit keeps. */
import { DEFAULT_VOICE_CONVERSION_SETTINGS, voiceConversionSettingsProblems, type VoiceConversionSettings } from '../../core/voice/voiceConversionSettings';
import { describeFieldProblem, type EditorRules } from '../shared/settingsDraft';

export function sameVoiceSettings(a: VoiceConversionSettings, b: VoiceConversionSettings): boolean {
  return (Object.keys(a) as (keyof VoiceConversionSettings)[]).every((k) => a[k] === b[k]);
}

/** Whether a trained model's weights fit networks built from `settings` (the worker checks the same with voiceCheckpointMismatch). */
export function fitsTrained(trained: VoiceConversionSettings, s: VoiceConversionSettings): boolean {
  return (['voiceA', 'voiceB', 'frameSize', 'contextFrames', 'hiddenSize', 'codeSize', 'encoder', 'normalisation'] as const).every((k) => trained[k] === s[k]);
}

const FIELD_NAMES: [string, string][] = [
  ['voiceA', 'Source voice'],
  ['voiceB', 'Target voice'],
  ['contextFrames', 'Context frames'],
  ['hiddenSize', 'Hidden units'],
  ['codeSize', 'Code size'],
  ['warp', 'Frequency warp'],
  ['batchSize', 'Batch size'],
  ['learningRate', 'Learning rate'],
  ['utterancesPerVoice', 'Utterances per voice'],
  ['seed', 'Seed'],
];

export function describeVoiceProblem(problem: string): string {
  if (problem.startsWith('voiceA and voiceB')) return 'The source and target voices must be different voices.';
  return describeFieldProblem(FIELD_NAMES, problem);
}

/**
 * An edit that changes the networks' shape (or the encoder switch) leaves a trained start for "From
 * scratch" (its weights would not fit); choosing scratch keeps the voices and the encoder switch.
 */
export const VOICE_EDITOR_RULES: EditorRules<VoiceConversionSettings> = {
  same: sameVoiceSettings,
  problems: (s) => voiceConversionSettingsProblems(s).map(describeVoiceProblem),
  startAfterEdit: (start, next, scratch) => (start.settings && !fitsTrained(start.settings, next) ? scratch : start),
  settingsForStart: (choice, draft) => (choice.request.kind === 'scratch' ? { ...DEFAULT_VOICE_CONVERSION_SETTINGS, voiceA: draft.voiceA, voiceB: draft.voiceB, encoder: draft.encoder, seed: draft.seed } : draft),
};
