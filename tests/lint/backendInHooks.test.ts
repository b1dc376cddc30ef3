/**
 * Unit files share a worker one after another (vitest.config.ts, isolate: false), and Vitest
 * imports every file of a batch before it runs any. So a file that picks its TF.js backend at
 * import gets whatever backend the last file run before it left (a cpu test's, say, which trains
 * many times slower than wasm). A backend is picked in a hook (beforeAll).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const TESTS = resolve(import.meta.dirname, '..');
const AT_IMPORT = /^(await\s+)?(tf\.setBackend|switchToAppBackend|selectWasmBackend|registerWasmFastKernels)\(/m;

describe('unit test files', () => {
  it('pick their TF.js backend in a hook, never at import', () => {
    // Browser tests pick no backend (the labs' workers do), and tests/.artifacts/ is scratch.
    const files = readdirSync(TESTS, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.test.ts') && !file.startsWith('browser/') && !file.startsWith('.'));
    expect(files.length).toBeGreaterThan(100);
    const atImport = files.filter((file) => AT_IMPORT.test(readFileSync(join(TESTS, file), 'utf8')));
    expect(atImport).toEqual([]);
  });
});
