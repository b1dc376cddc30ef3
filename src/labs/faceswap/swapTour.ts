/** The face-swap lab's guided tour (see shared/GuidedTour.tsx): what a first visit should notice. */
import type { TourStep } from '../shared/guidedTour';

export const SWAP_TOUR: readonly TourStep[] = [
  {
    element: '.swap-panel',
    title: 'The swap, live',
    text: 'Each side\'s pictures, rebuilt by its own decoder, and swapped: one side\'s code drawn by the other side\'s decoder. Watch the swaps sharpen as training goes on.',
  },
  {
    element: '.lab-main .training-controls',
    title: 'Play, Step and Reset',
    text: 'Play trains the shared encoder and both decoders live; Step takes a single update; Reset starts again.',
    side: 'bottom',
  },
  {
    element: '[data-testid="speed"]',
    title: 'Speed',
    text: 'How many training steps run each second: slow to watch one swap form, fast to reach a sharp one sooner.',
    side: 'bottom',
  },
  {
    element: '.lab-sidebar .controls-panel > details',
    title: 'Where training starts',
    text: 'Start from a model trained in advance or from random weights; the sections below change the data, the model and how it trains.',
    side: 'right',
  },
  {
    element: '.metrics-panel',
    title: 'Training curves',
    text: 'The training losses step by step, and scores measured every few seconds on pictures the networks never trained on.',
    side: 'top',
  },
];
