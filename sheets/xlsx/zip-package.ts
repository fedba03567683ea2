/**
 * The zip container of an .xlsx, read and written at the level of entries. Reading indexes the central
 * directory and inflates one entry at a time with every limit checked: a part of up to 16 MB whole, by
 * zlib capped at what it may produce, a larger one (or one that lies about its size) streaming.
 * Writing copies an unchanged entry's compressed bytes as they were (same bytes, same CRC) and deflates
 * only the parts the system replaces. yazl and fflate's Zip cannot add already-compressed data, which is
 * what "copy every other entry byte for byte" needs, so the container code is ours (APPNOTE 6.3.x); the
 * compression itself is fflate's streaming Inflate and Node's zlib.
 */
import { Inflate } from 'fflate';
import { constants, crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import { LIMITS, tooLarge, type Limits } from './limits.js';

/** One entry as the central directory describes it. */
export interface ZipEntry {
  readonly name: string;
  /** 0 stored, 8 deflate. */
  readonly method: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  /** Where the compressed bytes start in the file. */
  readonly dataOffset: number;
}

/** New content, already deflated (so a write holds compressed parts, not their XML). */
export interface Deflated {
  readonly crc: number;
  readonly size: number;
  readonly body: Buffer;
}

/** An entry to write: copied raw from the source package, new content, or new content already deflated. */
export type OutEntry =
  | { readonly name: string; readonly copy: ZipEntry }
  | { readonly name: string; readonly data: Uint8Array | readonly Uint8Array[] }
  | { readonly name: string; readonly deflated: Deflated };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** Reads the central directory. Throws a plain Error on anything that is not a zip. */
export function listEntries(zip: Buffer, limits: Limits = LIMITS): ZipEntry[] {
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65_535); i--) {
    if (zip.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('no end of central directory');
  let count = zip.readUInt16LE(eocd + 10);
  let offset = zip.readUInt32LE(eocd + 16);
  if (offset === 0xffffffff || count === 0xffff) {
    // Zip64: the real figures are in the zip64 end record, found through its locator just before.
    const locator = eocd - 20;
    const record = Number(zip.readBigUInt64LE(locator + 8));
    count = Number(zip.readBigUInt64LE(record + 32));
    offset = Number(zip.readBigUInt64LE(record + 48));
  }
  if (count > limits.entries) throw tooLarge(`包含 ${count} 个部件（上限 ${limits.entries}）`);
  const entries: ZipEntry[] = [];
  let total = 0;
  for (let n = 0; n < count; n++) {
    if (zip.readUInt32LE(offset) !== CENTRAL) throw new Error('bad central directory');
    const method = zip.readUInt16LE(offset + 10);
    const crc = zip.readUInt32LE(offset + 16);
    let compressedSize = zip.readUInt32LE(offset + 20);
    let size = zip.readUInt32LE(offset + 24);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    let local = zip.readUInt32LE(offset + 42);
    const name = zip.toString('utf8', offset + 46, offset + 46 + nameLength);
    const extra = zip.subarray(offset + 46 + nameLength, offset + 46 + nameLength + extraLength);
    ({ size, compressedSize, local } = zip64(extra, size, compressedSize, local));
    if (zip.readUInt32LE(local) !== LOCAL) throw new Error('bad local header');
    const dataOffset = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    if (dataOffset + compressedSize > zip.length) throw new Error('entry past end of file');
    total += size;
    if (total > limits.totalBytes) throw tooLarge(`解压后超过 ${mb(limits.totalBytes)}`);
    entries.push({ name, method, crc, compressedSize, size, dataOffset });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function zip64(extra: Buffer, size: number, compressedSize: number, local: number): { size: number; compressedSize: number; local: number } {
  for (let i = 0; i + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(i);
    const length = extra.readUInt16LE(i + 2);
    if (id === 0x0001) {
      let p = i + 4;
      const next = () => {
        const value = Number(extra.readBigUInt64LE(p));
        p += 8;
        return value;
      };
      if (size === 0xffffffff) size = next();
      if (compressedSize === 0xffffffff) compressedSize = next();
      if (local === 0xffffffff) local = next();
    }
    i += 4 + length;
  }
  return { size, compressedSize, local };
}

/** "200 MB", for the refusals. */
export const mb = (bytes: number) => `${Math.round(bytes / 1_048_576)} MB`;

/** The most an entry may inflate to: the part limit, and the ratio limit over its compressed size. */
export function partCap(entry: ZipEntry, limits: Limits, maxBytes = limits.partBytes): number {
  return Math.min(maxBytes, Math.max(entry.compressedSize, 1024) * limits.ratio);
}

/** zlib's error for output beyond `maxOutputLength`. */
export function isOverCap(error: unknown): boolean {
  return error instanceof RangeError || (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE';
}

/**
 * Streams an entry's uncompressed bytes to `onChunk`, stopping with a LEDGER_UNUSABLE error as soon as
 * it yields more than its declared size allows, more than `maxBytes`, or a ratio beyond the limit: a
 * header can lie, the bytes cannot.
 */
export function inflateEntry(zip: Buffer, entry: ZipEntry, onChunk: (chunk: Uint8Array) => void, limits: Limits = LIMITS, maxBytes = limits.partBytes): void {
  const raw = zip.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
  if (entry.method === 0) {
    if (raw.length > maxBytes) throw tooLarge(`部件 ${entry.name} 超过 ${mb(maxBytes)}`);
    onChunk(raw);
    return;
  }
  if (entry.method !== 8) throw new Error(`unsupported compression ${entry.method} in ${entry.name}`);
  let produced = 0;
  const allowed = partCap(entry, limits, maxBytes);
  const inflate = new Inflate((chunk) => {
    produced += chunk.length;
    if (produced > allowed) {
      throw tooLarge(produced > maxBytes ? `部件 ${entry.name} 解压后超过 ${mb(maxBytes)}` : `部件 ${entry.name} 的压缩比超过 ${limits.ratio}:1`);
    }
    onChunk(chunk);
  });
  const step = 1 << 16;
  for (let i = 0; i < raw.length; i += step) inflate.push(raw.subarray(i, Math.min(raw.length, i + step)), i + step >= raw.length);
}

/**
 * Parts up to this size (uncompressed) are inflated by Node's zlib and decoded in one piece, 2–3× faster
 * than streaming them through fflate and a TextDecoder; a larger part, or one whose header understates its
 * size, streams, so memory stays bounded whatever the file claims.
 */
export const WHOLE_PART_BYTES = 16 * 1_048_576;

/**
 * The output cap for reading an entry whole (`maxOutputLength`), or `undefined` when it must stream:
 * stored, or declared larger than WHOLE_PART_BYTES. Within the cap, an entry that turns out larger than
 * it said stops inflating at the cap and is streamed instead.
 */
export function wholePartCap(entry: ZipEntry, limits: Limits): number | undefined {
  if (entry.method !== 8 || entry.size > WHOLE_PART_BYTES) return undefined;
  return partCap(entry, limits, Math.min(WHOLE_PART_BYTES, limits.partBytes));
}

/**
 * An entry's text as UTF-8, in pieces (one for a part read whole), with the limits of `inflateEntry`.
 * Pieces never split a character; a byte-order mark is kept (the XML scanner skips it).
 */
export function entryTexts(zip: Buffer, entry: ZipEntry, onText: (text: string) => void, limits: Limits = LIMITS): void {
  const cap = wholePartCap(entry, limits);
  if (cap !== undefined) {
    let bytes: Buffer | undefined;
    try {
      bytes = inflateRawSync(zip.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize), { maxOutputLength: cap });
    } catch (error) {
      // Larger than it said, or over a limit: the streaming path below finds out which, with its message.
      if (!isOverCap(error)) throw error;
    }
    if (bytes !== undefined) {
      onText(bytes.toString('utf8'));
      return;
    }
  }
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  inflateEntry(zip, entry, (chunk) => onText(decoder.decode(chunk, { stream: true })), limits);
  onText(decoder.decode());
}

/**
 * An entry's text, decoded as UTF-8, for parts read whole (structure parts; a ledger sheet being
 * patched). Node's native inflate, bounded by the same limits as `inflateEntry`: zlib stops at
 * `maxOutputLength` instead of producing it.
 */
export function entryText(zip: Buffer, entry: ZipEntry, limits: Limits = LIMITS): string {
  const raw = zip.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
  if (entry.method !== 8) {
    const parts: Uint8Array[] = [];
    inflateEntry(zip, entry, (c) => parts.push(c), limits);
    return Buffer.concat(parts).toString('utf8');
  }
  const allowed = partCap(entry, limits);
  try {
    return inflateRawSync(raw, { maxOutputLength: allowed }).toString('utf8');
  } catch (error) {
    if (isOverCap(error)) {
      throw tooLarge(`部件 ${entry.name} 解压后超过 ${mb(allowed)}`);
    }
    throw error;
  }
}

/** Writes a package: copied entries keep their compressed bytes and CRC; new ones are deflated. */
export function writeZip(source: Buffer, entries: readonly OutEntry[]): Buffer {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  const { time, date } = dosTime(new Date());
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    let method: number;
    let crc: number;
    let size: number;
    let body: Buffer;
    if ('copy' in entry) {
      ({ method, crc, size } = entry.copy);
      body = source.subarray(entry.copy.dataOffset, entry.copy.dataOffset + entry.copy.compressedSize);
    } else {
      method = 8;
      ({ crc, size, body } = 'deflated' in entry ? entry.deflated : deflateChunks(entry.data instanceof Uint8Array ? [entry.data] : entry.data));
    }
    const header = Buffer.alloc(30);
    header.writeUInt32LE(LOCAL, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(0x0800, 6); // UTF-8 names
    header.writeUInt16LE(method, 8);
    header.writeUInt16LE(time, 10);
    header.writeUInt16LE(date, 12);
    header.writeUInt32LE(crc >>> 0, 14);
    header.writeUInt32LE(body.length, 18);
    header.writeUInt32LE(size, 22);
    header.writeUInt16LE(name.length, 26);
    const record = Buffer.alloc(46);
    record.writeUInt32LE(CENTRAL, 0);
    record.writeUInt16LE(20, 4);
    header.copy(record, 6, 4, 28);
    record.writeUInt32LE(offset, 42);
    chunks.push(header, name, body);
    central.push(record, name);
    offset += header.length + name.length + body.length;
  }
  const centralSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(EOCD, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, ...central, end]);
}

/**
 * One raw deflate stream from chunks compressed one by one: each ends with a sync flush (byte-aligned,
 * not final), so their concatenation plus an empty final block is a valid stream, and no chunk needs the
 * others in memory as one string. Level 1: parts the system rewrites on every run; 10–20 % larger, 2–3×
 * faster than the default.
 */
export function deflateChunks(chunks: readonly Uint8Array[]): Deflated {
  let crc = 0;
  let size = 0;
  const out: Buffer[] = [];
  for (const chunk of chunks) {
    crc = crc32(chunk, crc);
    size += chunk.length;
    out.push(deflateRawSync(chunk, { level: 1, finishFlush: constants.Z_SYNC_FLUSH }));
  }
  out.push(FINAL_BLOCK);
  return { crc, size, body: Buffer.concat(out) };
}

/** The empty final block that ends a stream of sync-flushed chunks. */
export const FINAL_BLOCK: Buffer = deflateRawSync(Buffer.alloc(0), { level: 1 });

function dosTime(d: Date): { time: number; date: number } {
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
    date: ((d.getFullYear() - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}
