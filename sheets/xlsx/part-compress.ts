/**
 * Compression for a write, off the main thread: zlib's callback API runs in libuv's thread pool, so a
 * second core deflates one chunk of a part while the main thread builds the next chunk (or patches the
 * next sheet). Chunks are compressed independently, each ending with a sync flush, exactly as
 * `deflateChunks` does on the main thread, so the concatenation plus `FINAL_BLOCK` is one valid raw
 * deflate stream. At most `maxInFlight` chunks are queued at once: memory stays flat however large a
 * part is, because the producer waits for the oldest chunk before making another.
 */
import { availableParallelism } from 'node:os';
import { promisify } from 'node:util';
import { constants, crc32, deflateRaw, inflateRaw } from 'node:zlib';
import { tooLarge, type Limits } from './limits.js';
import { FINAL_BLOCK, inflateEntry, isOverCap, mb, partCap, type Deflated, type ZipEntry } from './zip-package.js';

const deflateRawAsync = promisify(deflateRaw);
const inflateRawAsync = promisify(inflateRaw);

/**
 * Same level and flush as `deflateChunks`: parts the system rewrites on every run favour speed. The
 * output buffer holds a whole compressed chunk (XML deflates ~6:1 or better), so zlib calls back once
 * per chunk instead of once per 16 KB.
 */
const chunkOptions = (input: number) => ({ level: 1, finishFlush: constants.Z_SYNC_FLUSH, chunkSize: Math.max(MIN_BUFFER, Math.ceil(input / 4)) });
/** zlib's own default output buffer. */
const MIN_BUFFER = 16 * 1024;
/** An inflated part is taken in pieces of at most this (a lying size header cannot make it allocate more). */
const MAX_INFLATE_BUFFER = 8 * 1_048_576;

/**
 * Background jobs (deflating a chunk, inflating a sheet to patch) running at once: one per spare core.
 * The main thread builds every part and is the one everything waits for; a second pool job on a 2-core
 * machine would only take its core away from it.
 */
const LANES = Math.max(1, availableParallelism() - 1);

/**
 * Chunks handed over and not yet compressed: enough that a lane always has the next one waiting, so
 * the producer waits only when it is that far ahead (with one, it waited for every chunk and sat idle).
 */
const DEFAULT_IN_FLIGHT = LANES + 2;

/** Runs jobs in the thread pool at most LANES at a time, in the order given. */
const inLane = (() => {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(job: () => Promise<T>): Promise<T> => {
    if (running >= LANES) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await job();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
})();

/** A part whose chunks are all queued; its compressed bytes come when the pool has done them. */
export interface QueuedPart {
  readonly deflated: Promise<Deflated>;
}

/** Deflates parts in the thread pool, with a bound on the chunks waiting or being compressed. */
export interface PartDeflater {
  /**
   * Queues a part's chunks, pulling them one at a time (a generator is built only as fast as the pool
   * compresses). Resolves once the last chunk is queued, so parts are produced in order.
   */
  add(chunks: Iterable<Uint8Array>): Promise<QueuedPart>;
}

export function createPartDeflater(maxInFlight = DEFAULT_IN_FLIGHT): PartDeflater {
  const inFlight: Promise<unknown>[] = [];
  return {
    async add(chunks) {
      let crc = 0;
      let size = 0;
      const bodies: Promise<Buffer>[] = [];
      for (const chunk of chunks) {
        crc = crc32(chunk, crc);
        size += chunk.length;
        const body = inLane(() => deflateRawAsync(chunk, chunkOptions(chunk.length)));
        // Waited on here only to free a slot: a failure surfaces through `deflated` below, and must not
        // count as unhandled if the caller stops (a later chunk failed to build) before that exists.
        const settled = body.catch(() => undefined);
        bodies.push(body);
        inFlight.push(settled);
        while (inFlight.length >= maxInFlight) await inFlight.shift();
      }
      const deflated = Promise.all(bodies).then((parts) => ({ crc, size, body: Buffer.concat([...parts, FINAL_BLOCK]) }));
      // Awaited by the writer later; until then a rejection must not count as unhandled.
      deflated.catch(() => undefined);
      return { deflated };
    },
  };
}

/**
 * An entry's uncompressed bytes, inflated in the thread pool, within the same bounds as `entryText`
 * (the part limit, and the ratio limit over its compressed size): zlib stops at `maxOutputLength`.
 */
export async function entryBytes(zip: Buffer, entry: ZipEntry, limits: Limits): Promise<Buffer> {
  const raw = zip.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
  const allowed = partCap(entry, limits);
  if (entry.method !== 8) {
    // Stored (or unsupported) entries: the general reader's checks and messages.
    const parts: Uint8Array[] = [];
    inflateEntry(zip, entry, (c) => parts.push(c), limits);
    return Buffer.concat(parts);
  }
  try {
    return await inLane(() => inflateRawAsync(raw, { maxOutputLength: allowed, chunkSize: Math.max(MIN_BUFFER, Math.min(entry.size, allowed, MAX_INFLATE_BUFFER)) }));
  } catch (error) {
    if (isOverCap(error)) {
      throw tooLarge(`部件 ${entry.name} 解压后超过 ${mb(allowed)}`);
    }
    throw error;
  }
}
