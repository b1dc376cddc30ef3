/** The adversarial lab's guided tour (see shared/GuidedTour.tsx): what a first visit should notice. */
import type { TourStep } from '../shared/guidedTour';

export const ADVERSARIAL_TOUR: readonly TourStep[] = [
  {
    element: '.plot-panel',
    title: 'The duel on the plane',
    text: 'The real points and the generator\'s fakes share this plane; the shaded background is the discriminator\'s verdict on every spot, and the arrows show where the fakes are being pulled.',
  },
  {
    element: '.lab-main .training-controls',
    title: 'Play, or one step at a time',
    text: 'Play trains both networks continuously. Step both, Step D only and Step G only take a single update, so you can see what each network changes on its own.',
    side: 'bottom',
  },
  {
    element: '[data-testid="speed"]',
    title: 'Speed',
    text: 'How many training steps run per frame: slow to watch each move, as fast as possible to reach the end sooner.',
    side: 'bottom',
  },
  {
    element: '.preset-panel',
    title: 'Presets and settings',
    text: 'Pick a preset to stage a classic success or failure such as mode collapse; the settings below it change the data, the networks and the rules of the game.',
    side: 'right',
  },
  {
    element: '.metrics-panel',
    title: 'Training curves',
    text: 'Both losses and how far the fakes are from the real points, step by step; hover over a chart to read every value at that step.',
    side: 'top',
  },
];
