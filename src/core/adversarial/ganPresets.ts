/**
 * Presets of the adversarial lab: a healthy run, classic failure modes, and
 * their fixes. Each is a full settings object plus the story it tells; seeded
 * tests check that each really does what its narrative says.
 */
import { DEFAULT_SETTINGS, cloneSettings, defaultNetwork, type GanSettings, type LossKind } from '../pointGan/ganSettings';

export interface GanPreset {
  id: string;
  title: string;
  role: 'healthy' | 'failure' | 'fix';
  /** One line for the picker. */
  summary: string;
  /** A few short paragraphs: what is set up, what happens, why. */
  narrative: string[];
  watchFor: string;
  settings: GanSettings;
  /** Generator steps in which the story plays out (what the seeded tests run). */
  stepBudget: number;
  /** For failures: the presets that fix them; for fixes: the failure they fix. */
  fixedBy: string[];
  fixes: string | null;
}

const base = (overrides: Partial<GanSettings>): GanSettings => ({ ...cloneSettings(DEFAULT_SETTINGS), ...overrides });

/** Mode collapse and its fix differ only in packing. */
const smallEagerGeneratorOnRing = (packing: number): GanSettings =>
  base({
    batchSize: 128,
    packing,
    dSteps: 2,
    generator: defaultNetwork({ hidden: [8], learningRate: 0.005 }),
    discriminator: defaultNetwork({ learningRate: 0.003 }),
  });

/** Vanishing gradients and its fix differ only in the loss. */
const dominantDiscriminatorOnRing = (loss: LossKind): GanSettings =>
  base({
    loss,
    dSteps: 5,
    generator: defaultNetwork({ learningRate: 0.0005 }),
    discriminator: defaultNetwork({ learningRate: 0.004 }),
  });

/** Oscillation and its fix differ only in the optimizers' step size and momentum. */
const twoBlobs = (learningRate: number, beta1: number): GanSettings =>
  base({
    dataset: 'blobs',
    modes: 2,
    sigma: 0.2,
    batchSize: 128,
    generator: defaultNetwork({ hidden: [32, 32], learningRate, beta1 }),
    discriminator: defaultNetwork({ hidden: [32, 32], learningRate, beta1 }),
  });

/** The overpowering discriminator and its fix differ only in the loss. */
const plainStepsGenerator = (loss: LossKind): GanSettings =>
  base({
    loss,
    gpWeight: 0.1,
    dSteps: 5,
    batchSize: 128,
    generator: defaultNetwork({ hidden: [32, 32], optimizer: 'sgd', momentum: 0, learningRate: 0.01 }),
    discriminator: defaultNetwork({ learningRate: 0.005, beta2: 0.9 }),
  });

export const GAN_PRESETS: GanPreset[] = [
  {
    id: 'healthy-ring',
    title: 'Healthy ring',
    role: 'healthy',
    summary: 'Eight sharp clusters on a circle, learned the healthy way.',
    narrative: [
      'The real data is eight tight clusters on a circle (the benchmark ring: radius 1, spread 0.01). Both networks have two hidden layers of 64 units, use the non-saturating loss and Adam with a learning rate of 0.003.',
      'The generator starts with a shapeless blob. The discriminator soon learns where the real clusters are, and its verdict pulls the fakes towards them. The blob stretches, splits, and the fakes settle on all eight clusters.',
      'A thin trail of fakes between neighbouring clusters is normal: the generator turns one connected cloud of noise into eight separate islands, and the noise in between has to land somewhere.',
      'Both learning rates fall to a twentieth over 6,000 steps ("Lower the learning rates over time"). Early on, big steps find the clusters; later, small steps let the fakes settle onto them instead of being jostled off, so the share of fakes on a cluster keeps rising. Switch it off and run again to see the difference.',
    ],
    watchFor: 'The "modes covered" chart climbing to 8 of 8, the arrows shrinking as the fakes land on the clusters, and the pink cloud tightening as the learning rates fall.',
    settings: base({
      generator: defaultNetwork({ learningRate: 0.003 }),
      discriminator: defaultNetwork({ learningRate: 0.003 }),
      learningRateDecay: 6000,
    }),
    stepBudget: 6000,
    fixedBy: [],
    fixes: null,
  },
  {
    id: 'mode-collapse',
    title: 'Mode collapse',
    role: 'failure',
    summary: 'The generator settles on a few clusters that fool the discriminator and ignores the rest.',
    narrative: [
      'The real data is the ring of eight clusters. The generator is small (one hidden layer of 8 units) and eager: its learning rate (0.005) is higher than the discriminator\'s (0.003). The discriminator judges one sample at a time.',
      'The fakes reach the ring quickly, but they crowd onto two or three clusters and stay there. Those few are drawn sharply, so every single fake looks convincing: high quality, little variety.',
      'A discriminator that sees one sample at a time can only ask "does this point look real?". A point on one real cluster does, so nothing rewards the generator for the harder job of splitting its noise over all eight clusters.',
    ],
    watchFor: '"Modes covered" stuck at a few of 8 while "% high quality" is high, and clusters on the ring with no fakes on them.',
    settings: smallEagerGeneratorOnRing(1),
    stepBudget: 1500,
    fixedBy: ['packing'],
    fixes: null,
  },
  {
    id: 'packing',
    title: 'Fix: packing (PacGAN)',
    role: 'fix',
    summary: 'The discriminator judges four samples at once, so a generator that repeats itself gives itself away.',
    narrative: [
      'Everything is as in "Mode collapse", except that the discriminator now judges samples in packs of four (PacGAN with packing 4).',
      'Four real samples usually come from several different clusters; four fakes from a collapsed generator all sit on the same one or two. A discriminator that sees the whole pack can spot that lack of variety, and its gradient pushes the generator to spread out over the ring.',
      'The small generator still struggles to draw every cluster sharply, so expect more clusters covered but fuzzier fakes: packing fixes the variety, not the generator\'s size.',
    ],
    watchFor: 'The fakes spreading out along the ring and "modes covered" rising well above the two or three of the unpacked run.',
    settings: smallEagerGeneratorOnRing(4),
    stepBudget: 1500,
    fixedBy: [],
    fixes: 'mode-collapse',
  },
  {
    id: 'vanishing-gradients',
    title: 'Vanishing gradients',
    role: 'failure',
    summary: 'The original (saturating) loss against a strong discriminator: the generator hardly learns.',
    narrative: [
      'The generator uses the original minimax loss, log(1 − D(G(z))), while the discriminator trains five times per generator step with a learning rate eight times higher.',
      'The discriminator soon rejects every fake with near certainty. Where D(fake) is close to 0, the minimax loss is almost flat, so the generator gets hardly any signal: its fakes drift about but never reach the clusters.',
    ],
    watchFor: 'D(fake) pinned near 0, a small generator gradient norm, and fakes that wander without ever landing on the ring.',
    settings: dominantDiscriminatorOnRing('minimax'),
    stepBudget: 750,
    fixedBy: ['non-saturating'],
    fixes: null,
  },
  {
    id: 'non-saturating',
    title: 'Fix: non-saturating loss',
    role: 'fix',
    summary: 'Same strong discriminator, but the generator maximises log D(G(z)) instead.',
    narrative: [
      'Everything is as in "Vanishing gradients" except the generator\'s loss: it now maximises log D(G(z)) rather than minimising log(1 − D(G(z))).',
      'Both losses want the same thing, but this one is steepest exactly where the generator is losing badly, so a confident discriminator gives a strong gradient instead of almost none. The discriminator still wins most rounds, yet the fakes reach the clusters.',
    ],
    watchFor: 'A generator gradient norm far above the minimax run\'s, and the fakes landing on the ring.',
    settings: dominantDiscriminatorOnRing('nonSaturating'),
    stepBudget: 750,
    fixedBy: [],
    fixes: 'vanishing-gradients',
  },
  {
    id: 'oscillation',
    title: 'Oscillation',
    role: 'failure',
    summary: 'Big steps with heavy momentum: the two players chase each other instead of settling.',
    narrative: [
      'The data is two blobs. Both networks use Adam with a large learning rate (0.02) and heavy momentum (β1 = 0.9).',
      'Each update overshoots. The discriminator moves its verdict past the fakes, the fakes rush after it and overshoot too, sometimes beyond the blobs. Instead of meeting in the middle, the game keeps circling around its balance point.',
    ],
    watchFor: 'The crowd of fakes sweeping across the plane, and D(real) and D(fake) swinging apart and together instead of meeting at 0.5.',
    settings: twoBlobs(0.02, 0.9),
    stepBudget: 1500,
    fixedBy: ['gentle-steps'],
    fixes: null,
  },
  {
    id: 'gentle-steps',
    title: 'Fix: gentle steps',
    role: 'fix',
    summary: 'The same game with small steps and less momentum settles down.',
    narrative: [
      'Everything is as in "Oscillation" except the optimizers: a learning rate of 0.001 and less momentum (β1 = 0.5, the value DCGAN made standard for GANs).',
      'Smaller, less stubborn steps let each player react to where the other is now rather than where it was. The fakes settle on both blobs and the discriminator ends up unable to tell real from fake: D(real) and D(fake) both near 0.5.',
    ],
    watchFor: 'D(real) and D(fake) meeting at 0.5 and staying there, and the fakes resting on both blobs.',
    settings: twoBlobs(0.001, 0.5),
    stepBudget: 1500,
    fixedBy: [],
    fixes: 'oscillation',
  },
  {
    id: 'discriminator-overpowers',
    title: 'Discriminator overpowers',
    role: 'failure',
    summary: 'A discriminator that wins outright turns its verdict into a cliff the generator cannot follow.',
    narrative: [
      'The discriminator trains five times per generator step with Adam; the generator takes plain gradient steps (SGD), so it feels the raw size of the discriminator\'s gradient.',
      'The discriminator separates real from fake almost perfectly. Its verdict becomes a cliff: flat far from the data, extremely steep at the edge. Fakes on the flat part get no push; fakes at the edge are flung far away. They never settle on the clusters.',
    ],
    watchFor: 'D(real) near 1 and D(fake) near 0 for the whole run, very long arrows, and the fakes thrown back and forth around the ring.',
    settings: plainStepsGenerator('nonSaturating'),
    stepBudget: 1000,
    fixedBy: ['wgan-gp'],
    fixes: null,
  },
  {
    id: 'wgan-gp',
    title: 'Fix: WGAN-GP',
    role: 'fix',
    summary: 'A critic with a gradient penalty gives a gentle, useful slope even while it is winning.',
    narrative: [
      'Everything is as in "Discriminator overpowers" except the loss. The Wasserstein loss turns the discriminator into a critic that scores samples instead of classifying them, and the gradient penalty keeps its slope near 1, so its landscape stays a ramp rather than a cliff.',
      'However strong the critic gets, its gradient points from the fakes towards the data at a sensible size. The fakes flow to the ring, and the Wasserstein estimate (how far apart the critic thinks real and fake are) falls as they get closer.',
    ],
    watchFor: 'The Wasserstein estimate falling, moderate arrows, and the fakes gathering on the ring.',
    settings: plainStepsGenerator('wganGp'),
    stepBudget: 1000,
    fixedBy: [],
    fixes: 'discriminator-overpowers',
  },
];

export function findPreset(id: string): GanPreset | undefined {
  return GAN_PRESETS.find((p) => p.id === id);
}
