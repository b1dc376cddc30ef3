import { availableParallelism } from 'node:os';
import { relative } from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Unit test files that train for a long time (half a minute or more each), longest first.
 * They start first, so that the short files fill the other worker while they run,
 * instead of one of them starting last and leaving a core idle. A new lab's test files
 * that train for half a minute or more belong here too.
 */
const LONG_UNIT_FILES = [
  'tests/core/adversarial/ganPresets.test.ts',
  'tests/worker/faceswap/faceSwapLab.test.ts',
  'tests/core/adversarial/ganPresetGradients.test.ts',
  'tests/core/faceswap/faceSwapQuality.test.ts',
  'tests/core/adversarial/ganPresetCritic.test.ts',
  'tests/core/faceswap/faceSwapQualityDigitStyles.test.ts',
  'tests/core/faceswap/swapJudges.test.ts',
];

/**
 * Browser test files that take longest (each opens every lab, or trains one for long), longest
 * first, for the same reason: the run ends when the last file does, so the long ones start first.
 */
const LONG_BROWSER_FILES = [
  'tests/browser/detectionLab.test.ts',
  'tests/browser/sessionStack.test.ts',
  'tests/browser/faceSwapLab.test.ts',
  'tests/browser/shareLinks.test.ts',
  'tests/browser/digitForger.test.ts',
  'tests/browser/diffusionLab.test.ts',
  'tests/browser/presentation.test.ts',
  'tests/browser/guidedTour.test.ts',
];

/** Vitest's order (unit before browser), with each project's long files moved to its front. */
class LongFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const long = [...LONG_UNIT_FILES, ...LONG_BROWSER_FILES];
    const rank = (spec: TestSpecification) => {
      const index = long.indexOf(relative(spec.project.config.root, spec.moduleId).replaceAll('\\', '/'));
      return index < 0 ? long.length : index;
    };
    const position = new Map(sorted.map((spec, i) => [spec, i]));
    return [...sorted].sort((a, b) =>
      a.project.config.sequence.groupOrder - b.project.config.sequence.groupOrder
      || (a.project.name === b.project.name ? rank(a) - rank(b) : 0)
      || position.get(a)! - position.get(b)!);
  }
}

export default defineConfig({
  test: {
    sequence: { sequencer: LongFilesFirst },
    projects: [
      {
        test: {
          name: 'unit',
          sequence: { groupOrder: 0 },
          environment: 'node',
          include: ['tests/**/*.test.ts'],
          // tests/.artifacts/ holds scratch output (git-ignored), never tests.
          exclude: ['tests/browser/**', 'tests/.artifacts/**', 'node_modules/**'],
          testTimeout: 120_000,
          // Files share a worker process one after another instead of each loading TF.js, its
          // wasm and the datasets afresh (a quarter of the unit run went to that). So a unit file
          // never counts on a fresh TF.js: it picks its own backend (tf.setBackend) and measures
          // tensor leaks against a baseline of its own.
          isolate: false,
          // One file per core (Vitest would leave one core free): the unit files are
          // independent, single-threaded TF.js, so two cores finish them in about half the time.
          maxWorkers: availableParallelism(),
        },
      },
      {
        test: {
          name: 'browser',
          environment: 'node',
          include: ['tests/browser/**/*.test.ts'],
          // One Chromium and one app server for the whole run; each file opens its own context.
          globalSetup: ['tests/browser/globalSetup.ts'],
          testTimeout: 180_000,
          hookTimeout: 120_000,
          // Only after the unit tests, two files at a time (one per core): most of a browser
          // test is waiting for a lab's worker to train, which takes one core, and these checks
          // poll for what they wait for rather than timing it, so a second file fills the other core.
          maxWorkers: availableParallelism(),
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
