/**
 * The labs that exist. The start page shows a card per entry and the shell
 * routes to it; a new lab adds itself here (and nowhere else in the shell).
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

import type { LabPageProps } from '../labs/shared/labPage';
import type { LessonScript } from '../labs/shared/lessonScript';
import { ADVERSARIAL_LESSON } from '../labs/adversarial/adversarialLesson';
import { DIGIT_LESSON } from '../labs/digits/digitLesson';
import { FACE_SWAP_LESSON } from '../labs/faceswap/faceSwapLesson';
import { DIFFUSION_LESSON } from '../labs/diffusion/diffusionLesson';
import { DETECTION_LESSON } from '../labs/detection/detectionLesson';
import { VOICE_LESSON } from '../labs/voice/voiceLesson';
import { PROVENANCE_LESSON } from '../labs/provenance/provenanceLesson';

export type { LabPageProps };

export interface LabEntry {
  id: string;
  /** Route path, e.g. "/adversarial". */
  path: string;
  title: string;
  /** One sentence for the start page card. */
  tagline: string;
  /** What students get to try, a few words each. */
  highlights: string[];
  /** The steps a lecturer walks in presentation mode (a few lines of data, not the lab's code). */
  lesson: LessonScript;
  /** Loaded on first visit, so the start page stays light. */
  component: LazyExoticComponent<ComponentType<LabPageProps>>;
}

export const LABS: LabEntry[] = [
  {
    id: 'adversarial',
    path: '/adversarial',
    title: 'Adversarial lab',
    tagline:
      'Watch a generator learn to fake points on a plane while a discriminator learns to catch it: the duel at the heart of every GAN deepfake.',
    highlights: [
      'Rings, grids, moons, spirals, or points you draw yourself',
      "See the discriminator's verdict and the generator's pull, live",
      'Stage classic failures such as mode collapse, then fix them',
    ],
    lesson: ADVERSARIAL_LESSON,
    component: lazy(() => import('../labs/adversarial/AdversarialLab').then((m) => ({ default: m.AdversarialLab }))),
  },
  {
    id: 'digits',
    path: '/digits',
    title: 'Digit forger',
    tagline:
      'Train a GAN in your browser to forge handwritten digits, and watch random static turn into 3s and 7s that can fool a classroom.',
    highlights: [
      'A grid of samples that grows from static into digits',
      'Real or fake? Shuffle real digits with forgeries, then reveal',
      'Ask a conditional GAN for a 7, walk through its noise space',
    ],
    lesson: DIGIT_LESSON,
    component: lazy(() => import('../labs/digits/DigitForgerLab').then((m) => ({ default: m.DigitForgerLab }))),
  },
  {
    id: 'faceswap',
    path: '/faceswap',
    title: 'Face-swap lab',
    tagline:
      'Train the classic deepfake in your browser: one shared encoder, two decoders, and one cartoon face\'s expression drawn on another\'s.',
    highlights: [
      'Watch swaps sharpen live, with a diagram of the path each picture takes',
      'Puppet mode: move sliders and see the other face follow',
      'Give each decoder its own encoder and see why the swap then fails',
    ],
    lesson: FACE_SWAP_LESSON,
    component: lazy(() => import('../labs/faceswap/FaceSwapLab').then((m) => ({ default: m.FaceSwapLab }))),
  },
  {
    id: 'diffusion',
    path: '/diffusion',
    title: 'Diffusion lab',
    tagline:
      'The other way to forge: train a network to remove noise from points on a plane, then watch pure noise walk back into the data.',
    highlights: [
      'Watch the data dissolve into noise, step by step',
      'Noise prediction (DDPM) or flow matching, trained live',
      'Fewer sampling steps, faster forgeries: see what it costs',
    ],
    lesson: DIFFUSION_LESSON,
    component: lazy(() => import('../labs/diffusion/DiffusionLab').then((m) => ({ default: m.DiffusionLab }))),
  },
  {
    id: 'detection',
    path: '/detection',
    title: 'Detection lab',
    tagline:
      'Catch the forgers: train a detector to tell real digits from the fakes of this app\'s GANs, using the fingerprints they leave in the frequencies.',
    highlights: [
      'See each forger\'s fingerprint in the power spectrum',
      'Move the threshold: confusion matrix and ROC curve, live',
      'Trained on one forger, tested on another',
    ],
    lesson: DETECTION_LESSON,
    component: lazy(() => import('../labs/detection/DetectionLab').then((m) => ({ default: m.DetectionLab }))),
  },
  {
    id: 'provenance',
    path: '/provenance',
    title: 'Provenance lab',
    tagline:
      'Label forgeries instead of hunting them: sign the forger\'s pictures with real Content Credentials (C2PA), then tamper, strip and re-save to see what a signature proves.',
    highlights: [
      'Real C2PA signatures, checked by c2pa-rs in your browser',
      'Valid is not trusted: add the root and watch the verdict change',
      'One pixel, the manifest, the signature: break each and see which check fails',
    ],
    lesson: PROVENANCE_LESSON,
    component: lazy(() => import('../labs/provenance/ProvenanceLab').then((m) => ({ default: m.ProvenanceLab }))),
  },
  {
    id: 'voice',
    path: '/voice',
    title: 'Voice lab',
    tagline:
      'Clone an invented voice with the face-swap trick: one shared encoder, a decoder per voice, and spectrograms you can see and hear.',
    highlights: [
      'Hear a toy voice rebuilt and converted, with its spectrogram',
      'Puppet: change the vowel and pitch, the other voice follows',
      'Give each voice its own encoder and hear the clone fail',
    ],
    lesson: VOICE_LESSON,
    component: lazy(() => import('../labs/voice/VoiceLab').then((m) => ({ default: m.VoiceLab }))),
  },
];

export function findLab(path: string): LabEntry | undefined {
  return LABS.find((lab) => lab.path === path);
}
