/** What each part of the model-overview diagram is, in a few plain sentences. */
import type { OverviewPart } from './ModelOverview';

export const OVERVIEW_EXPLANATIONS: Record<OverviewPart, { title: string; text: string }> = {
  noise: {
    title: 'Random noise z',
    text: 'The generator\'s only input is a handful of random numbers. Each new draw of noise is a new "seed" for one fake sample, so the variety of the fakes can only come from here. The noise dimension and its distribution (uniform or Gaussian) are set under Generator.',
  },
  generator: {
    title: 'Generator G',
    text: 'A small neural network that turns noise into a point on the plane. It never sees the real data: everything it learns comes through the discriminator\'s verdict. In a deepfake system, this is the part that paints the forged face.',
  },
  fakes: {
    title: 'Generated samples',
    text: 'The generator\'s output for a batch of noise. On the plot these are the purple points. Training succeeds when they are spread like the real data, with no cluster missed and nothing in between.',
  },
  reals: {
    title: 'Real samples',
    text: 'Points drawn from the real data (green on the plot). Only the discriminator looks at them. Here they come from a toy distribution you choose, never from photos of people.',
  },
  discriminator: {
    title: 'Discriminator D',
    text: 'A second network that looks at one point (or a pack of points) and answers "how real does this look?". It is trained to say real for green points and fake for purple ones. Its verdict over the whole plane is the background colour of the plot.',
  },
  predictions: {
    title: 'Predictions D(x)',
    text: 'The discriminator\'s verdicts on the real batch and on the fake batch. With the log losses they are probabilities: 1 means "surely real", 0 "surely fake", and 0.5 means it cannot tell.',
  },
  discriminatorLoss: {
    title: 'Discriminator loss',
    text: 'How wrong the discriminator was: it is penalised for calling real points fake and fake points real. Its gradient (the dashed arrow into D) updates only the discriminator\'s weights.',
  },
  generatorLoss: {
    title: 'Generator loss',
    text: 'How well the fakes fooled the discriminator. Its gradient flows back through the discriminator, without changing it, and then into the generator: this is how the generator learns where "more real" lies.',
  },
};
