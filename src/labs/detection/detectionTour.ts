/** The detection lab's guided tour (see shared/GuidedTour.tsx): what a first visit should notice. */
import type { TourStep } from '../shared/guidedTour';

export const DETECTION_TOUR: readonly TourStep[] = [
  {
    element: '.detection-spectra',
    title: 'Frequency fingerprints',
    text: 'The average spectrum of real digits beside that of a GAN\'s fakes, on one colour scale. The centre is coarse shape, the edges fine detail; the red in the difference map and the gap between the two lines are the forger\'s fingerprint.',
  },
  {
    element: '.lab-main .training-controls',
    title: 'Train the detector',
    text: 'Play trains the detector on 70% of the pictures; Step takes a single update. The accuracy readout is measured on the other 30%, which it never sees while learning.',
    side: 'bottom',
  },
  {
    element: '.detection-threshold',
    title: 'Where to draw the line',
    text: 'Move the threshold and watch the confusion matrix: catching more fakes means accusing more real digits. The ROC curve shows every threshold at once.',
    side: 'top',
  },
  {
    element: '.detection-generalisation',
    title: 'Other forgers',
    text: 'Test the detector as it is on fakes from the other generators: trained on one forger\'s traces, it often misses another\'s. Further down: take the quiz against the detector, launder the pictures (JPEG, blur, resize, noise), and run the arms race.',
    side: 'top',
  },
  {
    element: '.lab-sidebar',
    title: 'Settings',
    text: 'Choose the forger whose fakes to catch, the detector (the spectrum, or a small network on the pixels), how many pictures, and how it trains.',
    side: 'right',
  },
];
