/** The adversarial lab's lesson script: a healthy duel, then three failures, each beside its fix. */
import type { LessonScript } from '../shared/lessonScript';

export const ADVERSARIAL_LESSON: LessonScript = {
  labId: 'adversarial',
  title: 'How a GAN learns, and three ways it fails',
  steps: [
    {
      title: 'The duel begins',
      setup: 'preset=healthy-ring',
      press: 'Press Play (or Space).',
      point: 'The real data is eight small clusters on a ring (crosses mark their centres); the fakes start wherever the untrained generator happens to put them, and the shading is where the discriminator believes real points live.',
      view: 'plot-heading',
    },
    {
      title: 'The fakes find the ring',
      press: 'Let it train; point at the arrows on the fakes.',
      point: 'Each arrow is the pull the discriminator\'s verdict gives one fake; as the fakes land on the clusters the arrows shrink and "modes covered" climbs towards 8 of 8.',
      view: 'plot-heading',
    },
    {
      title: 'Failure: mode collapse',
      setup: 'preset=mode-collapse',
      press: 'Press Play and wait for the fakes to settle.',
      point: 'The fakes are sharp but sit on only a few of the eight clusters: the generator found a few answers that fool the discriminator and stopped exploring.',
      view: 'plot-heading',
    },
    {
      title: 'Fix: judge samples in packs',
      setup: 'preset=packing',
      press: 'Press Play.',
      point: 'The same set-up, but the discriminator sees four samples at once, so a generator that repeats itself gives itself away: the fakes spread over most of the ring.',
      view: 'plot-heading',
    },
    {
      title: 'Failure: vanishing gradients',
      setup: 'preset=vanishing-gradients',
      press: 'Press Play; point at D(fake) in the status line.',
      point: 'The discriminator rejects every fake with near certainty, and under the original minimax loss that leaves the generator almost no gradient: the fakes never reach the ring.',
      view: 'plot-heading',
    },
    {
      title: 'Fix: the non-saturating loss',
      setup: 'preset=non-saturating',
      press: 'Press Play.',
      point: 'Only the generator\'s loss changed, to maximising log D(G(z)): its gradient stays strong while it is losing, and the fakes land on the clusters.',
      view: 'plot-heading',
    },
    {
      title: 'Failure: the discriminator overpowers',
      setup: 'preset=discriminator-overpowers',
      press: 'Press Play; point at the arrows.',
      point: 'A discriminator that wins outright turns its verdict into a cliff: very long arrows throw the fakes back and forth and they never settle.',
      view: 'plot-heading',
    },
    {
      title: 'Fix: a critic with a gradient penalty (WGAN-GP)',
      setup: 'preset=wgan-gp',
      press: 'Press Play; then show the training curves below.',
      point: 'The critic keeps a gentle slope even while it is winning, so the fakes gather on the ring and the Wasserstein estimate falls.',
      view: 'plot-heading',
    },
  ],
};
