/** Pure edits and checks of the face-swap settings, as the controls make them. */
import {
  channelsOf, DEFAULT_FACE_SWAP_SETTINGS, DIGIT_STYLE_IMAGE_SIZE, swapSettingsProblems, type FaceSwapSettings, type SwapDatasetKind,
} from '../../core/autoencoder/faceSwapSettings';
import { describeFieldProblem, type EditorRules } from '../shared/settingsDraft';

export function sameSwapSettings(a: FaceSwapSettings, b: FaceSwapSettings): boolean {
  return (Object.keys(a) as (keyof FaceSwapSettings)[]).every((k) => a[k] === b[k]);
}

/**
 * Whether a pretrained model's weights fit networks built from `settings`: the same
 * dataset (and characters), colour, picture size, encoder mode, width and code size.
 * (The worker checks the same with swapCheckpointMismatch; this keeps TF.js off the page.)
 */
export function fitsPretrained(trained: FaceSwapSettings, settings: FaceSwapSettings): boolean {
  const characters = (s: FaceSwapSettings) => (s.dataset === 'toyFaces' ? `${s.identityA}→${s.identityB}` : 'digits');
  return trained.dataset === settings.dataset && characters(trained) === characters(settings) && channelsOf(trained) === channelsOf(settings)
    && trained.imageSize === settings.imageSize && trained.encoder === settings.encoder && trained.width === settings.width
    && trained.latentSize === settings.latentSize;
}

/** A fresh start keeps what is being swapped (dataset, characters, colour, encoder) and takes the lab's quick-training sizes for the rest. */
export function scratchSettingsFrom(s: FaceSwapSettings): FaceSwapSettings {
  return { ...DEFAULT_FACE_SWAP_SETTINGS, dataset: s.dataset, identityA: s.identityA, identityB: s.identityB, colour: s.colour, encoder: s.encoder, imageSize: s.imageSize };
}

/** Another dataset; digit styles are always 32×32 grey. */
export function withDataset(s: FaceSwapSettings, dataset: SwapDatasetKind): FaceSwapSettings {
  if (dataset === 'digitStyles') return { ...s, dataset, imageSize: DIGIT_STYLE_IMAGE_SIZE };
  return { ...s, dataset };
}

const FIELD_NAMES: [string, string][] = [
  ['identityA', 'Character A'],
  ['identityB', 'Character B'],
  ['imageSize', 'Picture size'],
  ['latentSize', 'Code size'],
  ['width', 'Width'],
  ['batchSize', 'Batch size'],
  ['learningRate', 'Learning rate'],
  ['beta1', 'Adam β1'],
  ['beta2', 'Adam β2'],
  ['ssimWeight', 'SSIM weight'],
  ['featurePriority', 'Eyes-and-mouth priority'],
  ['warpStrength', 'Warp strength'],
  ['warpGrid', 'Warp grid'],
  ['seed', 'Seed'],
];

/** A validation problem in the words of the controls ("Code size must be …" rather than "latentSize must be …"). */
export function describeSwapProblem(problem: string): string {
  if (problem.startsWith('identityA and identityB')) return 'Characters A and B must be different characters.';
  return describeFieldProblem(FIELD_NAMES, problem);
}

/**
 * The settings editor's rules for the face-swap lab. An edit that changes the networks' shape
 * while a trained model (shipped or from a file) is the start switches the start to "from
 * scratch" (its weights would not fit); choosing scratch keeps what is swapped at quick sizes.
 */
export const SWAP_EDITOR_RULES: EditorRules<FaceSwapSettings> = {
  same: sameSwapSettings,
  problems: (s) => swapSettingsProblems(s).map(describeSwapProblem),
  startAfterEdit: (start, next, scratch) => (start.settings && !fitsPretrained(start.settings, next) ? scratch : start),
  settingsForStart: (choice, draft) => (choice.request.kind === 'scratch' ? scratchSettingsFrom(draft) : draft),
};
