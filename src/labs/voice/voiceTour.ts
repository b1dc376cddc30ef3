/** The voice lab's guided tour (see shared/GuidedTour.tsx): what a first visit should notice. */
import type { TourStep } from '../shared/guidedTour';

export const VOICE_TOUR: readonly TourStep[] = [
  {
    element: '.voice-preview',
    title: 'Four spectrograms',
    text: 'The real source voice, the real target voice saying the same, the source rebuilt by its own decoder, and the source converted by the target\'s decoder. Press Play under any of them to hear it.',
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
    text: 'How many training steps run each second: slow to watch the conversion form, fast to reach a sharp one sooner.',
    side: 'bottom',
  },
  {
    element: '.lab-sidebar .controls-panel > details',
    title: 'Where training starts',
    text: 'Start from a model trained in advance or from random weights; the sections below change the voices, the model and how it trains.',
    side: 'right',
  },
  {
    element: '.metrics-panel',
    title: 'Training curves',
    text: 'Each decoder\'s reconstruction loss, step by step: how well it rebuilds its own voice.',
    side: 'top',
  },
];
