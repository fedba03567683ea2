/**
 * What it costs to load the Google Sheets store, for the bench: the store module itself (what a
 * function pays at cold start just for having the backend) and the Sheets client library it loads on
 * first use (`@googleapis/sheets`, paid by the first read). Import-time numbers only mean something in
 * a process that has loaded neither yet: `measureImportCostFresh` starts one.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Milliseconds of each import. */
export interface ImportCost {
  /** `import('./sheets-store.js')`, in ms. */
  readonly storeModuleMs: number;
  /** Loading `@googleapis/sheets` afterwards, in ms. */
  readonly clientLibraryMs: number;
}

/** Times both imports in this process; call it before anything else has loaded them. */
export async function measureImportCost(): Promise<ImportCost> {
  const t0 = performance.now();
  const store = await import('./sheets-store.js');
  const t1 = performance.now();
  const { loadSheetsLibrary } = await import('./client.js');
  await loadSheetsLibrary();
  const t2 = performance.now();
  if (typeof store.createSheetsStore !== 'function') throw new Error('sheets-store.js has no createSheetsStore');
  return { storeModuleMs: t1 - t0, clientLibraryMs: t2 - t1 };
}

/**
 * Times both imports in a new Node process with the same loader flags as this one (e.g. tsx), so
 * the numbers are cold whatever this process has loaded.
 */
export function measureImportCostFresh(): Promise<ImportCost> {
  const here = new URL(import.meta.url);
  const script = `const m = await import(${JSON.stringify(here.href)}); console.log(JSON.stringify(await m.measureImportCost()));`;
  const args = [...loaderFlags(), '--input-type=module', '-e', script];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd: fileURLToPath(new URL('../..', here)) }, (error, stdout) => {
      if (error) return reject(error);
      try {
        resolve(JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as ImportCost);
      } catch (parseError) {
        reject(parseError);
      }
    });
  });
}

/** `--import tsx` when this file is TypeScript (run by tsx or vitest), nothing for compiled JS. */
function loaderFlags(): string[] {
  return import.meta.url.endsWith('.ts') ? ['--import', 'tsx'] : [];
}
