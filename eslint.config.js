// Flat ESLint config: recommended JS + TypeScript rules and the React hooks rules.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/*
 * The placement rule (README, Architecture): the top folder of src/ says where code runs, the
 * second says which lab, or shared/. Imports go app → labs → protocol → core and
 * worker → protocol → core; a lab never imports another lab; nothing in src/ imports tests/.
 */
const LAYERS = {
  core: [],
  protocol: ['core'],
  worker: ['protocol', 'core'],
  labs: ['protocol', 'core'],
  app: ['labs', 'protocol', 'core'],
};
/** Folders that belong to one lab; every other second-level folder (shared/, mnist/) serves them all. */
const LAB_FOLDERS = ['adversarial', 'digits', 'faceswap', 'detection', 'diffusion', 'voice', 'provenance'];
const SHARED_FOLDERS = ['shared', 'mnist', 'points', 'pointGan', 'toyfaces', 'denoising', 'autoencoder'];
const RUNS_WITHOUT_REACT = ['core', 'protocol', 'worker'];
/** The one file that names every lab (its page and its lesson script): the shell's registry. */
const LAB_REGISTRY = 'src/app/labRegistry.ts';

function placementRule(layer, folder, { namesLabs = false } = {}) {
  const where = folder ? `src/${layer}/${folder}/` : `src/${layer}/`;
  const forbiddenLayers = Object.keys(LAYERS).filter((other) => other !== layer && !LAYERS[layer].includes(other));
  const allowed = [layer, ...LAYERS[layer]].map((l) => `src/${l}/`).join(', ');
  const patterns = [
    {
      regex: `(^|/)(${[...forbiddenLayers, 'tests'].join('|')})/`,
      message: `Placement rule: code in ${where} may import only from ${allowed} (README, Architecture: app → labs → protocol → core, worker → protocol → core).`,
    },
  ];
  const otherLabs = namesLabs ? [] : LAB_FOLDERS.filter((lab) => lab !== folder);
  if (otherLabs.length > 0) {
    patterns.push({
      regex: `(^|/)(${otherLabs.join('|')})/`,
      message: folder && LAB_FOLDERS.includes(folder)
        ? `Placement rule: a lab never imports another lab; ${where} may use its own folders and shared/ (move what two labs need to shared/).`
        : `Placement rule: ${where} serves every lab, so it may not import from one lab's folder.`,
    });
  }
  if (RUNS_WITHOUT_REACT.includes(layer)) {
    patterns.push({ regex: '^react(-dom)?(/|$)', message: `Placement rule: ${where} runs without the DOM or React; React belongs in src/labs/ and src/app/.` });
  }
  return {
    files: namesLabs ? [LAB_REGISTRY] : folder ? [`src/${layer}/${folder}/**/*.{ts,tsx}`] : [`src/${layer}/*.{ts,tsx}`],
    rules: { 'no-restricted-imports': ['error', { patterns }] },
  };
}

const placementRules = [
  ...Object.keys(LAYERS).flatMap((layer) => [
    placementRule(layer, null),
    ...[...LAB_FOLDERS, ...SHARED_FOLDERS].map((folder) => placementRule(layer, folder)),
  ]),
  // Last, so it overrides the app's rule for this one file.
  placementRule('app', null, { namesLabs: true }),
];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'tests/.artifacts/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.browser, ...globals.worker },
    },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // `_`-prefixed names are deliberately unused (e.g. destructured-away fields).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
      // Fights TypeScript: `let ok = false; try { ok = await f(); } catch { continue; }` needs the
      // initialiser for definite assignment, yet this rule calls it useless.
      'no-useless-assignment': 'off',
    },
  },
  ...placementRules,
  {
    // Node-side code: tests, benchmarks, build configs.
    files: ['tests/**/*.ts', '*.config.{js,ts}', '.ci/**/*.js'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Tests poke at parsed JSON and deliberately malformed input, where `any` is the honest type.
    files: ['tests/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
