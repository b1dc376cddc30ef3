/**
 * The pretrained digit GANs the app ships (models/digitGan-*.weights, written by
 * `npm run train:models`): what each is called, in which file, and the exact
 * settings it was trained with. The lab passes these settings (the optimizer,
 * loss, batch and seed fields may be edited; the shape-deciding ones may not)
 * with the model's id to the worker's `configure(settings, id)`.
 *
 * Pure data (no TF.js): the page imports it to list the choices, the worker and
 * the training script to find the files, and tests check each file against it.
 */
import { cloneDigitSettings, type DigitGanSettings } from './digitGanSettings';

export const PRETRAINED_IDS = ['dcgan', 'dcgan-transposed', 'dcgan-conditional', 'mlp'] as const;
export type PretrainedId = (typeof PRETRAINED_IDS)[number];

export interface PretrainedDigitGan {
  id: PretrainedId;
  /** File name under models/. */
  file: string;
  label: string;
  /** One sentence beside the choice. */
  help: string;
  /** The settings it was trained with (the file holds them too; tests check they agree). */
  settings: DigitGanSettings;
}

/**
 * Every field spelled out (nothing taken from DEFAULT_DIGIT_SETTINGS), so a later change
 * to the lab's defaults cannot drift from what the files were trained with.
 */
function settings(s: Pick<DigitGanSettings, 'architecture' | 'upsampling' | 'conditional' | 'batchSize'> & { width: [number, number]; learningRate: [number, number] }): DigitGanSettings {
  const net = (width: number, learningRate: number) => ({ width, optimizer: 'adam' as const, learningRate, momentum: 0.9, beta1: 0.5, beta2: 0.999 });
  return {
    architecture: s.architecture,
    upsampling: s.upsampling,
    conditional: s.conditional,
    classes: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    latentSize: 64,
    generator: net(s.width[0], s.learningRate[0]),
    discriminator: net(s.width[1], s.learningRate[1]),
    loss: 'nonSaturating',
    gpWeight: 10,
    realLabel: 0.9,
    dSteps: 1,
    batchSize: s.batchSize,
    seed: 1,
  };
}

export const PRETRAINED_DIGIT_GANS: readonly PretrainedDigitGan[] = [
  {
    id: 'dcgan',
    file: 'digitGan-dcgan.weights',
    label: 'Pretrained DCGAN',
    help: 'A convolutional GAN already trained on all ten digits: scrub its timeline from static to digits, or keep training it.',
    settings: settings({ architecture: 'dcgan', upsampling: 'resize', conditional: false, width: [16, 32], learningRate: [2e-3, 2e-3], batchSize: 32 }),
  },
  {
    id: 'dcgan-transposed',
    file: 'digitGan-dcgan-transposed.weights',
    label: 'Pretrained DCGAN, transposed convolutions',
    help: 'The same DCGAN, but it doubles its picture size with transposed convolutions instead of resizing first. Their uneven overlap draws a checkerboard early in training; scrub the timeline back to see it, and the detection lab to see how little is left.',
    settings: settings({ architecture: 'dcgan', upsampling: 'transposed', conditional: false, width: [16, 32], learningRate: [2e-3, 2e-3], batchSize: 32 }),
  },
  {
    id: 'dcgan-conditional',
    file: 'digitGan-dcgan-conditional.weights',
    label: 'Pretrained conditional DCGAN',
    help: 'The same network told which digit to draw: ask for a 7 and you get a 7.',
    settings: settings({ architecture: 'dcgan', upsampling: 'resize', conditional: true, width: [16, 16], learningRate: [1e-3, 1e-3], batchSize: 32 }),
  },
  {
    id: 'mlp',
    file: 'digitGan-mlp.weights',
    label: 'Pretrained MLP GAN',
    help: 'Two plain fully connected networks, the original GAN recipe, already trained on all ten digits.',
    settings: settings({ architecture: 'mlp', upsampling: 'transposed', conditional: false, width: [128, 128], learningRate: [1e-3, 1e-3], batchSize: 64 }),
  },
];

export function findPretrainedDigitGan(id: string): PretrainedDigitGan | undefined {
  return PRETRAINED_DIGIT_GANS.find((m) => m.id === id);
}

/** A copy of a pretrained model's settings, safe to edit. */
export function pretrainedSettings(id: PretrainedId): DigitGanSettings {
  return cloneDigitSettings(findPretrainedDigitGan(id)!.settings);
}
