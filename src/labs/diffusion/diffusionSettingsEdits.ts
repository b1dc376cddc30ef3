/** The settings editor's rules for the diffusion lab: when two settings are the same, and what is wrong with one, in the controls' words. */
import { diffusionSettingsProblems, sameDiffusionSettings, type DiffusionSettings } from '../../core/diffusion/diffusionSettings';
import { describeFieldProblem, type EditorRules } from '../shared/settingsDraft';

const FIELD_NAMES: [string, string][] = [
  ['timesteps', 'Diffusion steps T'],
  ['timeEmbedding', 'Time embedding size'],
  ['batchSize', 'Batch size'],
  ['learningRate', 'Learning rate'],
  ['hidden', 'Hidden layers'],
  ['ema', "Sample with the weights' average (EMA)"],
  ['seed', 'Seed'],
];

export const DIFFUSION_EDITOR_RULES: EditorRules<DiffusionSettings> = {
  same: sameDiffusionSettings,
  problems: (s) => diffusionSettingsProblems(s).map((p) => describeFieldProblem(FIELD_NAMES, p)),
};
