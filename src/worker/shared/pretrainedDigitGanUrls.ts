/**
 * Where the app itself serves each shipped digit GAN (models/digitGan-*.weights, as Vite `?url`
 * imports): the digit forger's, detection lab's and diffusion lab's workers all load them.
 */
import dcganUrl from '../../../models/digitGan-dcgan.weights?url';
import transposedDcganUrl from '../../../models/digitGan-dcgan-transposed.weights?url';
import conditionalDcganUrl from '../../../models/digitGan-dcgan-conditional.weights?url';
import mlpGanUrl from '../../../models/digitGan-mlp.weights?url';
import type { PretrainedId } from '../../core/mnist/pretrainedDigitGans';

export const PRETRAINED_DIGIT_GAN_URLS: Readonly<Record<PretrainedId, string>> = {
  dcgan: dcganUrl,
  'dcgan-transposed': transposedDcganUrl,
  'dcgan-conditional': conditionalDcganUrl,
  mlp: mlpGanUrl,
};
