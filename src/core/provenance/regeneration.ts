/**
 * The regeneration attack, at toy scale: a picture is redrawn by a generative model, and what
 * the model does not know how to draw (an invisible watermark) does not come back. Here the
 * model is the face-swap lab's shipped autoencoder: the toy face, shrunk to the model's side
 * (32 pixels, an area average), goes through the shared encoder and the same character's own
 * decoder, and the rebuilt face is enlarged back to the picture's size (bilinear). The published
 * attacks (Zhao et al. 2023) regenerate at full size with a diffusion model; the toy model works
 * at 32×32, so the lab shows beside it the control, the face only shrunk to 32 pixels and back
 * (at the lab's default strength the classic mark survives that, and not the redrawing).
 */
import * as tf from '../shared/tf';
import { readBack } from '../shared/readBack';
import { channelsOf } from '../autoencoder/faceSwapSettings';
import { decode, encode, type SwapNets } from '../autoencoder/sharedEncoderAutoencoder';
import type { SwapNetFile } from '../autoencoder/swapNetFile';
import { resizeBilinear } from './imageAttacks';
import { checkPicture, createPicture, type RgbaPicture } from './picture';

/** Why this model cannot regenerate a face of `identity`, or null. */
export function regenerationProblem(file: SwapNetFile, identity: string): string | null {
  const s = file.settings;
  if (s.dataset !== 'toyFaces' || channelsOf(s) !== 3) return 'the face-swap model must draw toy faces in colour';
  if (identity !== s.identityA && identity !== s.identityB) return `the face-swap model knows only ${s.identityA} and ${s.identityB}, so it cannot redraw ${identity}: pick a picture of one of them`;
  return null;
}

/** The toy face of `identity` redrawn by the autoencoder (shared encoder, that character's decoder), at the picture's own size. */
export function regenerateFace(nets: SwapNets, file: SwapNetFile, picture: RgbaPicture, identity: string): RgbaPicture {
  checkPicture(picture);
  const problem = regenerationProblem(file, identity);
  if (problem) throw new Error(`This picture cannot be regenerated: ${problem}.`);
  const side = file.settings.imageSize;
  const small = resizeBilinear(picture, side, side);
  const input = new Float32Array(side * side * 3);
  for (let p = 0; p < side * side; p++) for (let c = 0; c < 3; c++) input[p * 3 + c] = small.data[p * 4 + c] / 127.5 - 1;
  const decoder = identity === file.settings.identityA ? nets.decoderA : nets.decoderB;
  const encoder = identity === file.settings.identityA ? nets.encoderA : nets.encoderB;
  const rebuilt = readBack(() => decode(decoder, encode(encoder, tf.tensor4d(input, [1, side, side, 3]))));
  const out = createPicture(side, side);
  for (let p = 0; p < side * side; p++) {
    for (let c = 0; c < 3; c++) out.data[p * 4 + c] = Math.round((rebuilt[p * 3 + c] + 1) * 127.5);
    out.data[p * 4 + 3] = 255;
  }
  return resizeBilinear(out, picture.width, picture.height);
}
