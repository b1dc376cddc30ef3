/** The provenance lab's guided tour (see shared/GuidedTour.tsx): what a first visit should notice. */
import type { TourStep } from '../shared/guidedTour';

export const PROVENANCE_TOUR: readonly TourStep[] = [
  {
    element: '.provenance-inspector',
    title: 'A signed picture and its verdict',
    text: 'Each picture the digit forger drew is signed here with Content Credentials (C2PA), then checked by c2pa-rs, the reference validator. The verdict says whether it is intact, and whether you trust who signed it.',
  },
  {
    element: '.provenance-toolbar .training-controls',
    title: 'Sign pictures',
    text: 'Step signs the next picture and checks it at once; Play keeps signing, as a generator that stamps everything it publishes would.',
    side: 'bottom',
  },
  {
    element: '.provenance-trust',
    title: 'Valid is not trusted',
    text: 'A correct signature only proves the picture is unchanged since someone signed it. Who that someone is counts only once you add their root certificate to your trust list.',
    side: 'top',
  },
  {
    element: '.provenance-tamper',
    title: 'Break it on purpose',
    text: 'Change one pixel, edit the manifest, swap the signature, strip the credentials or re-save as JPEG, and see which check fails, in plain words.',
    side: 'top',
  },
  {
    element: '.lab-sidebar',
    title: 'Keys and links',
    text: 'The lab made its own root and signing certificates in your browser; their private keys cannot be read out. Here you see them, make new ones, and share a link to this set-up.',
    side: 'right',
  },
];
