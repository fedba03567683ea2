/**
 * Worksheet parts inflated and decoded on a worker thread a few parts ahead of the parser. Inflating and
 * decoding UTF-8 (CJK text makes V8's decoder slow) are a third of reading a big ledger; on a second core
 * they happen while the main thread parses the previous part, and the decoded text crosses over as a
 * string copy, which costs a small fraction of decoding it. Each part is claimed by whichever thread
 * gets to it first (an atomic flag per part): when the worker is late — still starting, or short of a
 * core — the main thread reads the part itself rather than wait, and the worker skips it.
 *
 * The worker only ever does the whole-part read of `entryTexts` (same size cap, same limits): a part it
 * cannot read that way — larger than it says, over a limit, corrupt — comes back as `undefined`, and the
 * caller reads it on its own thread with `entryTexts`, which streams it and refuses it with the usual
 * message. So what a workbook reads as, and how it is refused, does not depend on the worker.
 */
import { Worker } from 'node:worker_threads';
import type { Limits } from './limits.js';
import { wholePartCap, type ZipEntry } from './zip-package.js';

/**
 * The worker's code: plain JavaScript evaluated as a script, so it runs the same under tsx, vitest and
 * the compiled package (a .ts worker file would need a loader in each).
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { inflateRawSync } = require('node:zlib');
const { zip, claims } = workerData;
parentPort.on('message', ({ index, offset, length, cap }) => {
  if (Atomics.compareExchange(claims, index, 0, 1) !== 0) return; // the main thread took it
  let text;
  try {
    text = inflateRawSync(zip.subarray(offset, offset + length), { maxOutputLength: cap }).toString('utf8');
  } catch {
    text = undefined;
  }
  parentPort.postMessage({ index, text });
});
`;

/** Texts of parts in the order asked for; `close` ends the worker (always call it: the worker keeps the process alive until then). */
export interface PartTexts {
  /** The next part's text, or `undefined` when the caller must read it itself. */
  next(): Promise<string | undefined>;
  close(): Promise<void>;
}

/**
 * Starts reading `parts` (in this order) on a worker, `ahead` parts ahead of what has been taken;
 * `undefined` if no worker can be started (the caller then reads every part itself). `steal: false`
 * (tests) makes the caller always wait for the worker.
 */
export function prefetchParts(zip: Buffer, parts: readonly ZipEntry[], limits: Limits, { ahead = 4, steal = true } = {}): PartTexts | undefined {
  // Shared, not copied: the worker reads the compressed bytes where they are.
  const shared = new Uint8Array(new SharedArrayBuffer(zip.length));
  shared.set(zip);
  /** Per part: 0 unclaimed, 1 the worker's, 2 the main thread's. */
  const claims = new Int32Array(new SharedArrayBuffer(4 * Math.max(1, parts.length)));
  let worker: Worker;
  try {
    // A small heap: the worker keeps nothing, so it should collect each part's text soon, not let them pile up
    // (running out of it is an 'error': the main thread then reads the rest itself).
    const resourceLimits = { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 96 };
    worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { zip: shared, claims }, resourceLimits });
  } catch {
    return undefined;
  }
  const waiting = new Map<number, (text: string | undefined) => void>();
  const ready = new Map<number, string | undefined>();
  let failed = false;
  const settleAll = () => {
    failed = true;
    for (const resolve of waiting.values()) resolve(undefined);
    waiting.clear();
  };
  worker.on('message', ({ index, text }: { index: number; text: string | undefined }) => {
    const resolve = waiting.get(index);
    if (resolve) {
      waiting.delete(index);
      resolve(text);
    } else ready.set(index, text);
  });
  worker.on('error', settleAll);
  worker.on('exit', settleAll);

  let asked = 0;
  let taken = 0;
  const ask = () => {
    for (; asked < parts.length && asked < taken + ahead; asked++) {
      const entry = parts[asked]!;
      const cap = wholePartCap(entry, limits);
      if (cap !== undefined) worker.postMessage({ index: asked, offset: entry.dataOffset, length: entry.compressedSize, cap });
    }
  };
  ask();
  return {
    next() {
      const index = taken++;
      ask();
      if (ready.has(index)) {
        const text = ready.get(index);
        ready.delete(index);
        return Promise.resolve(text);
      }
      // Not read yet: take it unless the worker is already at it.
      if (failed || index >= parts.length || wholePartCap(parts[index]!, limits) === undefined) return Promise.resolve(undefined);
      if (steal && Atomics.compareExchange(claims, index, 0, 2) === 0) return Promise.resolve(undefined);
      return new Promise((resolve) => waiting.set(index, resolve));
    },
    async close() {
      ready.clear();
      await worker.terminate();
    },
  };
}
