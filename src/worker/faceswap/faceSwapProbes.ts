/**
 * The face-swap lab's one-off looks inside a model, away from the training
 * loop: puppet mode (a picture of A drawn with chosen factors, or a held-out
 * thin digit, through both decoders) and the code-space map (PCA of the
 * encoder's codes of both sides' evaluation pictures). Plain functions of a
 * trainer and its dataset, so Node tests call them directly.
 */
import { projectCodes } from '../../core/faceswap/codeProjection';
import { factorProblems, type FaceFactors } from '../../core/toyfaces/faceFactors';
import type { FaceSwapTrainer } from '../../core/faceswap/faceSwapTrainer';
import { ToyFaceSwapDataset, type SwapDataset } from '../../core/faceswap/swapDatasets';
import { renderToyFace } from '../../core/toyfaces/toyFaceRenderer';
import type { CodeProjection, PuppetPictures } from '../../protocol/faceswap/faceSwapProtocol';

/** Network output in [-1, 1] → display pixels in [0, 1]. */
export function toUnitPixels(images: Float32Array): Float32Array {
  return images.map((v) => Math.min(1, Math.max(0, (v + 1) / 2)));
}

/** Most evaluation pictures per side the code map encodes at once. */
export const MAX_PROJECTED = 512;

function puppetOf(trainer: FaceSwapTrainer, source: Float32Array): PuppetPictures {
  const { imageSize, channels } = trainer.shape;
  return {
    imageSize,
    channels,
    source: toUnitPixels(source),
    reconstruction: toUnitPixels(trainer.reconstruct('a', source)),
    swap: toUnitPixels(trainer.swap('a', source)),
  };
}

/** Toy faces: A drawn with `factors`, reconstructed by decoder A and swapped by decoder B. */
export function toyFacePuppet(trainer: FaceSwapTrainer, dataset: SwapDataset, factors: FaceFactors): PuppetPictures {
  if (!(dataset instanceof ToyFaceSwapDataset)) throw new Error('Puppet sliders work with the toy faces; this model swaps digit styles.');
  const problems = factorProblems(factors);
  if (problems.length > 0) throw new Error(`The puppet's factors are not usable: ${problems.join('; ')}.`);
  const { imageSize, channels } = trainer.shape;
  return puppetOf(trainer, renderToyFace(dataset.identities.a, factors, imageSize, channels));
}

/** Digit styles: held-out thin digit number `index` (never trained on), its reconstruction and its swap. */
export function digitPuppet(trainer: FaceSwapTrainer, dataset: SwapDataset, index: number): PuppetPictures {
  if (dataset.kind !== 'digitStyles') throw new Error('Held-out digits are for the digit-styles model; this one swaps toy faces.');
  if (!Number.isInteger(index) || index < 0) throw new RangeError(`A held-out digit is picked by a whole number from 0, got ${index}.`);
  const size = dataset.imageSize * dataset.imageSize * dataset.channels;
  const images = dataset.evaluationSet('a', index + 1).images;
  return puppetOf(trainer, images.slice(index * size, (index + 1) * size));
}

/** The codes of `count` evaluation pictures of each side (A's first), projected onto their first two principal components. */
export function codeProjection(trainer: FaceSwapTrainer, dataset: SwapDataset, count: number): CodeProjection {
  if (!Number.isInteger(count) || count < 2 || count > MAX_PROJECTED) {
    throw new RangeError(`The code map needs a whole number of pictures per side from 2 to ${MAX_PROJECTED}, got ${count}.`);
  }
  const a = trainer.encode('a', dataset.evaluationSet('a', count).images);
  const b = trainer.encode('b', dataset.evaluationSet('b', count).images);
  const codes = new Float32Array(a.length + b.length);
  codes.set(a);
  codes.set(b, a.length);
  const sides = new Uint8Array(2 * count);
  sides.fill(1, count);
  return projectCodes(codes, trainer.shape.latentSize, sides);
}
