/**
 * Presets of the adversarial lab: a healthy run, classic failure modes, and
 * their fixes. Each is a full settings object plus the story it tells; seeded
 * tests check that each really does what its narrative says.
 */
import { DEFAULT_SETTINGS, cloneSettings, defaultNetwork, type GanSettings } from './ganSettings';

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

export const GAN_PRESETS: GanPreset[] = [
  {
    id: 'healthy-ring',
    title: 'Healthy ring',
    role: 'healthy',
    summary: 'Eight sharp clusters on a circle, learned the healthy way.',
    narrative: [
      'The real data is eight tight clusters on a circle (the benchmark ring: radius 1, spread 0.01).',
      'The generator starts by producing a shapeless blob. The discriminator quickly learns where the real clusters are, and its verdict pulls the fake points towards them.',
      'With the non-saturating loss and Adam, the fakes split up and settle on all eight clusters.',
    ],
    watchFor: 'The "modes covered" chart climbing to 8 of 8, and the arrows shrinking as the fakes land on the clusters.',
    settings: base({}),
    stepBudget: 3000,
    fixedBy: [],
    fixes: null,
  },
  {
    id: 'mode-collapse',
    title: 'Mode collapse',
    role: 'failure',
    summary: 'The generator finds a few clusters that fool the discriminator and forgets the rest.',
    narrative: [
      'The real data is a ring of eight clusters; the generator is eager (a high learning rate) and the discriminator judges one sample at a time.',
      'The generator discovers that putting everything on one or two clusters fools the discriminator for a while. When the discriminator catches on, the whole crowd of fakes jumps to another cluster instead of spreading out.',
      'A discriminator that sees one sample at a time cannot tell "every fake is the same" from "this fake looks real", so nothing pushes the generator to cover all modes.',
    ],
    watchFor: 'The fake points bunching onto a few clusters (and hopping between them), and "modes covered" staying low.',
    settings: base({
      generator: defaultNetwork({ learningRate: 0.01 }),
      discriminator: defaultNetwork({ learningRate: 0.001 }),
    }),
    stepBudget: 2000,
    fixedBy: ['packing'],
    fixes: null,
  },
  {
    id: 'packing',
    title: 'Fix: packing (PacGAN)',
    role: 'fix',
    summary: 'The discriminator judges four samples at once, so a collapsed generator gives itself away.',
    narrative: [
      'Same data and the same eager generator as in "Mode collapse", but the discriminator now sees packs of four samples together (PacGAN).',
      'Four real samples usually come from different clusters; four fakes from a collapsed generator all sit on the same one. The packed discriminator can see that difference, and its gradient pushes the generator to spread out.',
    ],
    watchFor: 'Fakes spreading over all clusters, and "modes covered" rising well above the collapsed run.',
    settings: base({
      packing: 4,
      generator: defaultNetwork({ learningRate: 0.01 }),
      discriminator: defaultNetwork({ learningRate: 0.001 }),
    }),
    stepBudget: 2000,
    fixedBy: [],
    fixes: 'mode-collapse',
  },
  {
    id: 'vanishing-gradients',
    title: 'Vanishing gradients',
    role: 'failure',
    summary: 'The original (saturating) loss against a strong discriminator: the generator stops learning.',
    narrative: [
      'The generator uses the original minimax loss, log(1 − D(G(z))), and the discriminator trains five times per generator step with a higher learning rate.',
      'The discriminator soon rejects every fake with near certainty. Where D(fake) is close to 0, the minimax loss is flat, so the generator\'s gradient almost vanishes and the fakes barely move.',
    ],
    watchFor: 'The generator\'s gradient norm falling towards zero, D(fake) near 0, and arrows too short to see.',
    settings: base({
      loss: 'minimax',
      dSteps: 5,
      generator: defaultNetwork({ learningRate: 0.0005 }),
      discriminator: defaultNetwork({ learningRate: 0.004 }),
    }),
    stepBudget: 1500,
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
      'Both losses want the same thing, but this one is steepest exactly where the generator is losing badly, so a confident discriminator gives a strong, useful gradient instead of none.',
    ],
    watchFor: 'Long arrows from the start, the generator\'s gradient norm staying up, and the fakes reaching the clusters.',
    settings: base({
      loss: 'nonSaturating',
      dSteps: 5,
      generator: defaultNetwork({ learningRate: 0.0005 }),
      discriminator: defaultNetwork({ learningRate: 0.004 }),
    }),
    stepBudget: 1500,
    fixedBy: [],
    fixes: 'vanishing-gradients',
  },
  {
    id: 'oscillation',
    title: 'Oscillation',
    role: 'failure',
    summary: 'Plain SGD with momentum and high learning rates: the two players chase each other in circles.',
    narrative: [
      'Both networks use SGD with heavy momentum and large learning rates on two blobs.',
      'Each update overshoots: the discriminator moves its boundary past the fakes, the fakes rush after it and overshoot too. Instead of settling, the game circles around its balance point.',
    ],
    watchFor: 'D(real) and D(fake) swinging up and down instead of meeting near the middle, and the fakes sweeping back and forth.',
    settings: base({
      dataset: 'blobs',
      modes: 8,
      sigma: 0.1,
      generator: defaultNetwork({ optimizer: 'sgd', learningRate: 0.05, momentum: 0.9 }),
      discriminator: defaultNetwork({ optimizer: 'sgd', learningRate: 0.05, momentum: 0.9 }),
    }),
    stepBudget: 1500,
    fixedBy: ['wgan-gp'],
    fixes: null,
  },
  {
    id: 'discriminator-overpowers',
    title: 'Discriminator overpowers',
    role: 'failure',
    summary: 'A much bigger, faster discriminator wins outright and the generator gets no useful signal.',
    narrative: [
      'The discriminator is large and trains five times per generator step with a high learning rate; the generator is tiny and slow.',
      'The discriminator separates real from fake almost perfectly. Its verdict becomes a cliff: flat nearly everywhere, so the fakes have little to follow.',
    ],
    watchFor: 'D(real) near 1 and D(fake) near 0 for the whole run, and the fakes stuck far from the data.',
    settings: base({
      dataset: 'grid',
      modes: 25,
      sigma: 0.05,
      dSteps: 5,
      generator: defaultNetwork({ hidden: [16], learningRate: 0.0002 }),
      discriminator: defaultNetwork({ hidden: [128, 128, 128], learningRate: 0.005 }),
    }),
    stepBudget: 1500,
    fixedBy: ['wgan-gp'],
    fixes: null,
  },
  {
    id: 'wgan-gp',
    title: 'Fix: WGAN-GP',
    role: 'fix',
    summary: 'A critic with a gradient penalty gives smooth, useful gradients even when it is winning.',
    narrative: [
      'The Wasserstein loss turns the discriminator into a critic that scores samples instead of classifying them. The gradient penalty keeps its slope near 1 everywhere, so its landscape stays a gentle slope rather than a cliff.',
      'However strong the critic gets, its gradient still points from the fakes towards the data, and the estimated Wasserstein distance falls as the generator improves.',
    ],
    watchFor: 'The Wasserstein estimate falling steadily, and the fakes flowing along the arrows to the data.',
    settings: base({
      loss: 'wganGp',
      gpWeight: 0.1,
      dSteps: 5,
      dataset: 'grid',
      modes: 25,
      sigma: 0.05,
      generator: defaultNetwork({ learningRate: 0.001, beta1: 0.5, beta2: 0.9 }),
      discriminator: defaultNetwork({ learningRate: 0.001, beta1: 0.5, beta2: 0.9 }),
    }),
    stepBudget: 1500,
    fixedBy: [],
    fixes: 'discriminator-overpowers',
  },
];

export function findPreset(id: string): GanPreset | undefined {
  return GAN_PRESETS.find((p) => p.id === id);
}
