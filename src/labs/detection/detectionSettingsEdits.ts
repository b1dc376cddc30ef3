/** The settings editor's rules for the detection lab: when two settings are the same, and what is wrong with one, in the controls' words. */
import { detectionSettingsProblems, type DetectionSettings } from '../../protocol/detection/detectionProtocol';
import { describeFieldProblem, type EditorRules } from '../shared/settingsDraft';

const FIELD_NAMES: [string, string][] = [
  ['generator', 'Forger'],
  ['detector', 'Detector'],
  ['pictures per class', 'Pictures of each kind'],
  ['learning rate', 'Learning rate'],
  ['batch size', 'Batch size'],
  ['seed', 'Seed'],
];

export function sameDetectionSettings(a: DetectionSettings, b: DetectionSettings): boolean {
  return a.generator === b.generator && a.detector === b.detector && a.perClass === b.perClass
    && a.learningRate === b.learningRate && a.batchSize === b.batchSize && a.seed === b.seed;
}

export const DETECTION_EDITOR_RULES: EditorRules<DetectionSettings> = {
  same: sameDetectionSettings,
  problems: (s) => detectionSettingsProblems(s).map((p) => describeFieldProblem(FIELD_NAMES, p)),
};
