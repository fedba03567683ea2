/**
 * Cold start: a deployed function that reads Google Sheets must not load the workbook code. The static
 * import graph from the functions' entry is walked (dynamic `import()` is what keeps a backend lazy, so it
 * is not followed); none of the workbook store's modules may be reachable.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const STATIC_IMPORT = /^\s*(?:import|export)\s+(?!type\b)(?:[^'"]*?\sfrom\s+)?['"](\.[^'"]+)['"]/gm;

function staticGraph(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(STATIC_IMPORT)) visit(join(dirname(file), (m[1] ?? '').replace(/\.js$/, '.ts')));
  };
  visit(entry);
  return seen;
}

describe('function cold start', () => {
  it('when the deployed functions are loaded, then no workbook store module is statically imported', () => {
    const reachable = [...staticGraph(join(ROOT, 'functions/index.ts'))].map((f) => f.slice(ROOT.length + 1));
    expect(reachable).toContain('functions/wiring.ts');
    const workbook = ['workbook-store.ts', 'workbook-read.ts', 'workbook-write.ts', 'zip-package.ts', 'sheet-reader.ts'].map((f) => `sheets/xlsx/${f}`);
    expect(reachable.filter((f) => workbook.includes(f))).toEqual([]);
  });
});
