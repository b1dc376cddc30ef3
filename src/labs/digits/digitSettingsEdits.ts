/** Pure edits of the digit forger's settings, as the controls make them. */
import {
  CLASS_COUNT, DEFAULT_WIDTH, DIGIT_LIMITS, digitSettingsProblems, type DigitArchitecture, type DigitGanSettings, type DigitNetworkSettings,
} from '../../core/mnist/digitGanSettings';
import { describeFieldProblem, type EditorRules } from '../shared/settingsDraft';

export const ALL_CLASSES: readonly number[] = Array.from({ length: CLASS_COUNT }, (_, i) => i);

/** Quick picks for the class filter: all digits, or the classic fast first demo. */
export const CLASS_PRESETS: readonly { label: string; classes: readonly number[] }[] = [
  { label: 'All ten', classes: ALL_CLASSES },
  { label: 'Only 0 and 1', classes: [0, 1] },
];

export function sameDigitSettings(a: DigitGanSettings, b: DigitGanSettings): boolean {
  const sameNet = (x: DigitNetworkSettings, y: DigitNetworkSettings) =>
    (Object.keys(x) as (keyof DigitNetworkSettings)[]).every((k) => x[k] === y[k]);
  const keys = Object.keys(a) as (keyof DigitGanSettings)[];
  return keys.every((k) => {
    if (k === 'classes') return a.classes.length === b.classes.length && a.classes.every((c, i) => c === b.classes[i]);
    if (k === 'generator' || k === 'discriminator') return sameNet(a[k], b[k]);
    return a[k] === b[k];
  });
}

/** Turns one digit class on or off; the list stays sorted (it may become empty: validation says so). */
export function toggleClass(classes: readonly number[], digit: number): number[] {
  const next = classes.includes(digit) ? classes.filter((c) => c !== digit) : [...classes, digit];
  return next.sort((x, y) => x - y);
}

/**
 * A new architecture. Widths mean different things (MLP units vs conv channels),
 * so both networks go to the new architecture's default width.
 */
export function withArchitecture(s: DigitGanSettings, architecture: DigitArchitecture): DigitGanSettings {
  if (s.architecture === architecture) return s;
  const width = DEFAULT_WIDTH[architecture];
  return { ...s, architecture, generator: { ...s.generator, width }, discriminator: { ...s.discriminator, width } };
}

export type DigitNetworkName = 'generator' | 'discriminator';

export function withNetwork(s: DigitGanSettings, name: DigitNetworkName, change: Partial<DigitNetworkSettings>): DigitGanSettings {
  return { ...s, [name]: { ...s[name], ...change } };
}

/** The allowed widths for the current architecture. */
export function widthLimits(s: DigitGanSettings): { min: number; max: number } {
  return DIGIT_LIMITS.width[s.architecture];
}

const FIELD_NAMES: [string, string][] = [
  ['generator.learningRate', 'G learning rate'],
  ['discriminator.learningRate', 'D learning rate'],
  ['generator.width', 'G width'],
  ['discriminator.width', 'D width'],
  ['generator.momentum', 'G momentum'],
  ['discriminator.momentum', 'D momentum'],
  ['generator.beta1', 'G Adam β1'],
  ['discriminator.beta1', 'D Adam β1'],
  ['generator.beta2', 'G Adam β2'],
  ['discriminator.beta2', 'D Adam β2'],
  ['latentSize', 'Latent size'],
  ['classes', 'Digits to learn'],
  ['batchSize', 'Batch size'],
  ['dSteps', 'D steps per G step'],
  ['gpWeight', 'Gradient penalty weight'],
  ['realLabel', 'Real label'],
  ['seed', 'Seed'],
];

/** A validation problem in the words of the controls ("G width must be …" rather than "generator.width must be …"). */
export function describeProblem(problem: string): string {
  return describeFieldProblem(FIELD_NAMES, problem);
}

/**
 * The settings editor's rules for the digit forger. An edit keeps the chosen start: with a
 * pretrained model or a file, the worker refuses settings its weights do not fit, and says why.
 */
export const DIGIT_EDITOR_RULES: EditorRules<DigitGanSettings> = {
  same: sameDigitSettings,
  problems: (s) => digitSettingsProblems(s).map(describeProblem),
};
