/** The digit forger's guided tour (see shared/GuidedTour.tsx): what a first visit should notice. */
import type { TourStep } from '../shared/guidedTour';

export const DIGIT_TOUR: readonly TourStep[] = [
  {
    element: '.plot-panel',
    title: 'The forger\'s digits',
    text: 'Every picture here is a forgery drawn by the generator from random noise. At first it is static; as training goes on, digits appear.',
  },
  {
    element: '.lab-main .training-controls',
    title: 'Play, Step and Reset',
    text: 'Play trains the two networks live; Step takes a single update so you can see one change at a time; Reset starts again.',
    side: 'bottom',
  },
  {
    element: '[data-testid="speed"]',
    title: 'Speed',
    text: 'How many training steps run each second: slow enough to watch the grid change, or as fast as the computer allows.',
    side: 'bottom',
  },
  {
    element: '.lab-sidebar .controls-panel > details',
    title: 'Where training starts',
    text: 'Start from random weights, or from a forger trained in advance; the sections below change the networks and the rules of the game.',
    side: 'right',
  },
  {
    element: '.metrics-panel',
    title: 'Training curves',
    text: 'The losses of both networks, and two quality scores a small digit classifier measures on fresh forgeries every few seconds.',
    side: 'top',
  },
];
