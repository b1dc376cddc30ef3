/** The digit forger's lesson script: from static to digits, a class quiz, control and the noise space. */
import type { LessonScript } from '../shared/lessonScript';

export const DIGIT_LESSON: LessonScript = {
  labId: 'digits',
  title: 'Forging handwriting',
  steps: [
    {
      title: 'From static to digits',
      setup: 'start=scratch',
      press: 'Press Play (or Space) and let it run for a minute.',
      point: 'The generator has never seen a real digit, only the discriminator\'s verdicts, yet its static turns into strokes and then into digit-like shapes.',
      view: 'sample-grid-heading',
    },
    {
      title: 'A forger trained for longer',
      setup: 'start=dcgan',
      press: 'Drag the timeline under the grid from left to right.',
      point: 'The shipped convolutional GAN was trained ahead of time; its timeline replays the same journey from static to sharp digits.',
      view: 'sample-grid-heading',
    },
    {
      title: 'Which is fake?',
      press: 'Let the class vote on each numbered digit, then press Reveal.',
      point: 'Eight of the sixteen are forgeries, and few people find all eight: a fake does not have to be perfect to pass a quick look.',
      view: 'quiz-heading',
    },
    {
      title: 'Ask for a 7',
      setup: 'start=dcgan-conditional',
      press: 'Point at the captions under the grid.',
      point: 'A conditional generator is told which digit to draw as well as given noise: this is the idea behind asking an image model for what you want.',
      view: 'sample-grid-heading',
    },
    {
      title: 'Walking through the noise',
      press: 'Press "New pair" a few times.',
      point: 'Every forgery is a point in noise space; moving between two points morphs one digit smoothly into another, so the generator learned a continuous space of handwriting.',
      view: 'latent-heading',
    },
    {
      title: 'Measuring the forgeries',
      press: 'Press Play, then point at the Inception Score and Fréchet distance curves as they fill in.',
      point: 'Both scores come from the project\'s own digit classifier: one asks whether the fakes look like clear, varied digits, the other how far they sit from real handwriting.',
      view: 'digit-metrics-heading',
    },
  ],
};
