/** The diffusion lab's lesson script: noise in, a denoiser trained live, noise walked back out. */
import type { LessonScript } from '../shared/lessonScript';

export const DIFFUSION_LESSON: LessonScript = {
  labId: 'diffusion',
  title: 'Forging by removing noise',
  steps: [
    {
      title: 'Data dissolves into noise',
      setup: 'seed=7',
      press: 'Drag the "Time t" slider under "Forward: data → noise" from 0 to T.',
      point: 'The eight clusters of the ring blur and spread until, at t = T, they are one round cloud of pure noise; the schedule chart under the pictures shows ᾱ_t, the share of the data left in each point, falling from 1 to 0.',
      view: 'diffusion-forward-heading',
    },
    {
      title: 'Train the denoiser',
      press: 'Press Play (or Space) and watch the loss chart.',
      point: 'The network sees a noised point and its time t and must say which noise was added; its error falls fast and then levels off above zero, because the added noise can never be known exactly.',
      view: 'diffusion-curves-heading',
    },
    {
      title: 'Noise walks back to the data',
      press: 'Under "Reverse: noise → data", press "Play the walk", or drag the "Shown" slider.',
      point: 'Particles start as pure noise; at each step the network\'s guess of the noise is taken away and the cloud gathers onto the clusters. The arrows are the learned score, pointing to where data is more likely.',
      view: 'diffusion-reverse-heading',
    },
    {
      title: 'Fewer steps, faster forgeries',
      press: 'Under "Sampler" choose DDIM (it starts at all 100 steps), then move "Sampling steps" down to 20 and to 5, reading "samples / s" and "on a cluster".',
      point: 'The ancestral walk takes all T steps and adds a little fresh noise at each. DDIM jumps through the noise levels without adding any: 20 steps run five times faster and still reach every cluster, but fewer points land squarely on one (on the ring, "on a cluster" falls from about 97% to about 90%), and even 100 DDIM steps stay a little below the ancestral walk. Each forgery costs one network call per step.',
      view: 'diffusion-reverse-heading',
    },
    {
      title: 'Flow matching: another target, the same forgeries',
      setup: 'objective=velocity&sampler=euler',
      press: 'Press Play; compare the loss and "on a cluster" with the first run.',
      point: 'Now the network learns the velocity along a straight line from each data point to its noise (flow matching), and Euler steps follow it back. Its loss settles near 1.4 instead of 0.4, yet the forgeries are as good: a loss only compares runs with the same objective.',
      view: 'diffusion-reverse-heading',
    },
    {
      title: 'A shape without clusters',
      setup: 'data=spiral',
      press: 'Press Play and watch the particles under "Reverse: noise → data".',
      point: 'The same recipe learns a spiral: first a vague blob, then the arm appears and sharpens as the loss falls. Nothing in the method knows the shape; it only learned to remove noise.',
      view: 'diffusion-reverse-heading',
    },
  ],
};
