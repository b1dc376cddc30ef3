/**
 * Unit files share a worker one after another (vitest.config.ts, isolate: false), and Vitest
 * imports every file of a batch before it runs any. So a file that picks its TF.js backend at
 * import gets whatever backend the last file run before it left (a cpu test's, say, which trains
 * many times slower than wasm). A backend is picked in a hook (beforeAll).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const TESTS = resolve(import.meta.dirname, '..');
const AT_IMPORT = /^(await\s+)?(tf\.setBackend|switchToAppBackend|selectWasmBackend|registerWasmFastKernels)\(/m;

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'browser' || entry.name.startsWith('.') ? [] : testFiles(path);
    return entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('unit test files', () => {
  it('pick their TF.js backend in a hook, never at import', () => {
    const files = testFiles(TESTS);
    expect(files.length).toBeGreaterThan(100);
    const atImport = files.filter((file) => AT_IMPORT.test(readFileSync(file, 'utf8'))).map((file) => relative(TESTS, file));
    expect(atImport).toEqual([]);
  });
});
