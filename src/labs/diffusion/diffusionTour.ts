/** The diffusion lab's guided tour (see shared/GuidedTour.tsx): what a first visit should notice. */
import type { TourStep } from '../shared/guidedTour';

export const DIFFUSION_TOUR: readonly TourStep[] = [
  {
    element: '.diffusion-forward',
    title: 'Data dissolving into noise',
    text: 'Slide the time t from 0 to T: noise is mixed into the real points step by step until nothing of them is left. The chart beside it shows how much of the data survives at each t.',
  },
  {
    element: '.lab-main .training-controls',
    title: 'Train the denoiser',
    text: 'Play trains a small network to undo one step of that noise; Step takes a single update, so you can watch the loss and the samples change.',
    side: 'bottom',
  },
  {
    element: '[data-testid="speed"]',
    title: 'Speed',
    text: 'How many training steps run each second: slow to watch each update, as fast as possible to reach good samples sooner.',
    side: 'bottom',
  },
  {
    element: '.diffusion-reverse',
    title: 'From noise back to data',
    text: 'Particles start as pure noise and the trained network walks them back, step by step, to the data. Scrub through the walk, change the number of sampling steps, and see the learned field as arrows.',
    side: 'top',
  },
  {
    element: '.lab-sidebar',
    title: 'Settings',
    text: 'Pick the data, the objective (noise prediction as in DDPM, or flow matching), the noise schedule and the size of the network.',
    side: 'right',
  },
];
