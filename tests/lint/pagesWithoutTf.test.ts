/**
 * TF.js runs in the labs' workers only: no page or shell module may load it, even through a
 * core module it imports for a constant or a type guard (its 0.9 MB would be parsed on the main
 * thread of every lab that did). This follows every import that is not type-only from src/labs/
 * and src/app/ and reports the chain that reaches src/core/shared/tf.ts.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const TF = join(ROOT, 'src/core/shared/tf.ts');

/** Relative imports and re-exports that bring code, not only types. */
const IMPORT = /^\s*(?:import|export)\s+(?!type\b)([^'"]*?)\bfrom\s+['"](\.[^'"]+)['"]|^\s*import\s+['"](\.[^'"]+)['"]|\bimport\(\s*['"](\.[^'"]+)['"]\s*\)/gm;

function onlyTypes(clause: string): boolean {
  const names = clause.match(/^\s*\{([^}]*)\}\s*$/)?.[1];
  return names !== undefined && names.split(',').map((n) => n.trim()).filter(Boolean).every((n) => n.startsWith('type '));
}

function resolveImport(from: string, spec: string): string | null {
  const base = resolve(dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** Every module reachable from `starts`, each with the module that first imported it. */
function importedBy(starts: string[]): Map<string, string | null> {
  const parent = new Map<string, string | null>(starts.map((s) => [s, null]));
  const queue = [...starts];
  while (queue.length > 0) {
    const file = queue.shift()!;
    for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      if (m[1] !== undefined && onlyTypes(m[1])) continue;
      const target = resolveImport(file, m[2] ?? m[3] ?? m[4]);
      if (!target || parent.has(target)) continue;
      parent.set(target, file);
      queue.push(target);
    }
  }
  return parent;
}

const sources = (folder: string) => readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })
  .filter((f) => /\.tsx?$/.test(f))
  .map((f) => join(ROOT, folder, f));

describe('the pages and the shell', () => {
  it('never load TF.js, directly or through a module they import', () => {
    const parent = importedBy([...sources('src/labs'), ...sources('src/app'), join(ROOT, 'src/main.tsx')]);
    const chain: string[] = [];
    for (let at: string | null | undefined = parent.has(TF) ? TF : undefined; at; at = parent.get(at)) chain.push(relative(ROOT, at));
    expect(chain.join(' ← imported by '), 'a page reaches TF.js').toBe('');
  });

  it('would notice one that did', () => {
    const parent = importedBy([join(ROOT, 'src/core/voice/cloneDetector.ts')]);
    expect(parent.has(TF)).toBe(true);
    expect(importedBy([join(ROOT, 'src/core/voice/cloneFeatures.ts')]).has(TF)).toBe(false);
  });
});
