/** The detection lab's lesson script: a forger's fingerprint in the frequencies, a detector trained on it, the threshold, where it looks, and what it misses. */
import type { LessonScript } from '../shared/lessonScript';

export const DETECTION_LESSON: LessonScript = {
  labId: 'detection',
  title: 'Catching the forgers',
  steps: [
    {
      title: 'A forger\'s fingerprint',
      setup: 'seed=2',
      press: 'Point at the three maps and the chart under "Frequency fingerprints".',
      point: 'Averaged over hundreds of pictures, the MLP GAN\'s fakes have more power at the edges of the spectrum, the finest detail, than real digits: the difference map is red at its rim and the dashed line runs above the solid one in the outer rings.',
      view: 'detection-spectra-heading',
    },
    {
      title: 'Train the spectrum detector',
      press: 'Press Play (or Space) and watch "Held-out accuracy".',
      point: 'Twenty numbers per picture, its power in each ring, are enough: within a few hundred steps the detector calls over 90% of the held-out pictures right, pictures it never trained on.',
      view: 'detection-curves-heading',
    },
    {
      title: 'Where to draw the line',
      press: 'Drag the "Threshold" slider from 0.5 down to 0.1, then up to 0.9.',
      point: 'A low threshold catches nearly every fake but accuses more real digits; a high one spares the real digits and lets fakes through. The ROC curve is every such trade at once, and its area (AUC) sums up the detector.',
      view: 'detection-threshold-heading',
    },
    {
      title: 'Trained on one, tested on another',
      press: 'Press "Test on every forger" under "Does it catch other forgers?", then "Fill the whole table" below it.',
      point: 'Trained on the MLP GAN, it calls most of the DCGAN\'s fakes real: it learned one forger\'s traces, not what makes a picture fake. The table shows it runs one way: trained on a DCGAN, it still catches seven in ten of the MLP GAN\'s.',
      view: 'detection-generalisation-heading',
    },
    {
      title: 'Where it looks',
      setup: 'detector=pixel&seed=2',
      press: 'Press Play for a few seconds, then step through a few fakes and real digits under "Where the detector looks".',
      point: 'The pixel CNN is right nearly every time, but the red and blue sit mostly on the blank paper beside the strokes, not on the handwriting: it learned that a scanned digit\'s paper is exactly black. A detector can be accurate for a reason that has nothing to do with forgery.',
      view: 'detection-saliency-heading',
    },
    {
      title: 'A subtler forger',
      setup: 'forger=dcgan&seed=2',
      press: 'Press Play and compare the two lines in the chart, then the accuracy.',
      point: 'The DCGAN upsamples by resizing then convolving; its spectrum stays close to real digits in the finest rings and differs only a little in the middle ones, so the same detector levels off far lower, near two in three.',
      view: 'detection-spectra-heading',
    },
    {
      title: 'You against the detector',
      press: 'Train the detector a few hundred steps, then "Start the quiz": a volunteer answers with R, F and 1–3 while the class votes.',
      point: 'Compare the room\'s score with the detector\'s on the same twenty pictures. The published figures for people (48.2% untrained, 59.0% with feedback) were for photographs of StyleGAN2 faces: good fakes fool people at about chance.',
      view: 'detection-quiz-heading',
    },
    {
      title: 'Laundering',
      press: 'Under "Laundering", press "Launder and judge" for JPEG, then pick Gaussian blur and press it again.',
      point: 'Nothing about the fake changed but its last save: the spectrum detector reads the faintest detail, which a JPEG at low quality or a blur wipes out or swamps, so its accuracy slides toward chance.',
      view: 'detection-laundering-heading',
    },
    {
      title: 'The arms race',
      press: 'Under "The arms race", press Start, then the next-phase button four or five times.',
      point: 'Each new detector catches the current fakes; each fine-tuning of the forger against it pulls its accuracy back down. With the GAN loss weight at 0, watch the Inception Score: evading for free wrecks the digits.',
      view: 'detection-arms-race-heading',
    },
  ],
};
