import { type FileHandle, open } from 'node:fs/promises';
import { PassThrough, pipeline, Readable } from 'node:stream';
import { crc32, createInflateRaw } from 'node:zlib';

/*
 * The zip container of an XLSX workbook, read from its central directory (APPNOTE.TXT 6.3.10, with ZIP64): entries
 * are found by name and streamed from their local data, inflated as they are read. Nothing holds a whole entry.
 */

/** A damaged or unsupported zip: the reader reports it as a ReaderError for the file as a whole. */
export class ZipError extends Error {
  override readonly name = 'ZipError';
}

export interface ZipEntry {
  name: string;
  /** 0: stored, 8: deflated. */
  method: number;
  flags: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const EOCD_SIZE = 22;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_LOCATOR_SIZE = 20;
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const CENTRAL_SIZE = 46;
const LOCAL_SIGNATURE = 0x04034b50;
const LOCAL_SIZE = 30;
const MAX_COMMENT = 0xffff;
const U32_MAX = 0xffffffff;
const U16_MAX = 0xffff;
/** Bytes of compressed data read at a time, and of inflated output given at a time. */
const CHUNK_BYTES = 64 * 1024;
/** Inflated bytes made ready ahead of the reader. */
const AHEAD_BYTES = 8 * CHUNK_BYTES;

/** CP437's upper half: zip names without the UTF-8 flag (bit 11) are in this code page. */
const CP437_HIGH =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀' +
  'αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';

function decodeName(bytes: Buffer, utf8: boolean): string {
  if (utf8) {
    return bytes.toString('utf8');
  }
  let name = '';
  for (const byte of bytes) {
    name += byte < 0x80 ? String.fromCharCode(byte) : CP437_HIGH[byte - 0x80];
  }
  return name;
}

/** A 64-bit little-endian size or offset, refused beyond what a double holds exactly. */
function readU64(buffer: Buffer, at: number): number {
  const value = buffer.readBigUInt64LE(at);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new ZipError('a ZIP64 size or offset is out of range');
  }
  return Number(value);
}

/** Entry names compared the way OPC parts are: case-insensitively, with forward slashes, without a leading slash. */
const partKey = (name: string) => name.replace(/\\/g, '/').replace(/^\/+/, '').toLowerCase();

export class ZipArchive {
  private readonly entries = new Map<string, ZipEntry>();
  private closed = false;

  private constructor(
    private readonly handle: FileHandle,
    readonly size: number,
  ) {}

  /** Open a zip file and read its central directory; a ZipError when it is no zip or a damaged one. */
  static async open(path: string): Promise<ZipArchive> {
    const handle = await open(path, 'r');
    try {
      const archive = new ZipArchive(handle, (await handle.stat()).size);
      await archive.readCentralDirectory();
      return archive;
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  /** The entry of a part name (case and slashes as OPC ignores them), if the zip has it. */
  entry(name: string): ZipEntry | undefined {
    return this.entries.get(partKey(name));
  }

  async close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      await this.handle.close();
    }
  }

  private async read(position: number, length: number): Promise<Buffer> {
    const buffer = Buffer.allocUnsafe(length);
    const { bytesRead } = await this.handle.read(buffer, 0, length, position);
    if (bytesRead < length) {
      throw new ZipError('the zip ends early (a truncated file?)');
    }
    return buffer;
  }

  /** The end of central directory record: the last one whose comment runs to the end of the file. */
  private async readCentralDirectory(): Promise<void> {
    if (this.size < EOCD_SIZE) {
      throw new ZipError('the file is too short to be a zip');
    }
    const tailStart = Math.max(0, this.size - EOCD_SIZE - MAX_COMMENT);
    const tail = await this.read(tailStart, this.size - tailStart);
    let at = -1;
    for (let i = tail.length - EOCD_SIZE; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD_SIGNATURE && i + EOCD_SIZE + tail.readUInt16LE(i + 20) <= tail.length) {
        at = i;
        break;
      }
    }
    if (at < 0) {
      throw new ZipError('no zip end record was found (not a zip, or a truncated one)');
    }
    let count = tail.readUInt16LE(at + 10);
    let cdSize = tail.readUInt32LE(at + 12);
    let cdOffset = tail.readUInt32LE(at + 16);
    let cdEnd = tailStart + at;
    if (count === U16_MAX || cdSize === U32_MAX || cdOffset === U32_MAX) {
      ({ count, cdSize, cdOffset, cdEnd } = await this.readZip64End(tailStart + at));
    }
    if (cdOffset + cdSize > cdEnd) {
      throw new ZipError('the zip central directory lies outside the file (a truncated file?)');
    }
    const directory = await this.read(cdOffset, cdSize);
    let pos = 0;
    for (let i = 0; i < count; i++) {
      if (pos + CENTRAL_SIZE > directory.length || directory.readUInt32LE(pos) !== CENTRAL_SIGNATURE) {
        throw new ZipError('the zip central directory is damaged');
      }
      const nameLength = directory.readUInt16LE(pos + 28);
      const extraLength = directory.readUInt16LE(pos + 30);
      const commentLength = directory.readUInt16LE(pos + 32);
      const next = pos + CENTRAL_SIZE + nameLength + extraLength + commentLength;
      if (next > directory.length) {
        throw new ZipError('the zip central directory is damaged');
      }
      const flags = directory.readUInt16LE(pos + 8);
      const nameBytes = directory.subarray(pos + CENTRAL_SIZE, pos + CENTRAL_SIZE + nameLength);
      const entry: ZipEntry = {
        name: decodeName(nameBytes, (flags & 0x800) !== 0),
        method: directory.readUInt16LE(pos + 10),
        flags,
        crc32: directory.readUInt32LE(pos + 16),
        compressedSize: directory.readUInt32LE(pos + 20),
        uncompressedSize: directory.readUInt32LE(pos + 24),
        localHeaderOffset: directory.readUInt32LE(pos + 42),
      };
      readZip64Extra(
        entry,
        directory.subarray(pos + CENTRAL_SIZE + nameLength, pos + CENTRAL_SIZE + nameLength + extraLength),
      );
      if (entry.localHeaderOffset + LOCAL_SIZE + entry.compressedSize > cdOffset) {
        throw new ZipError(`the zip entry ${entry.name} lies outside the file's data`);
      }
      this.entries.set(partKey(entry.name), entry);
      pos = next;
    }
  }

  /** The ZIP64 end record, through its locator just before the classic end record. */
  private async readZip64End(
    eocdAt: number,
  ): Promise<{ count: number; cdSize: number; cdOffset: number; cdEnd: number }> {
    if (eocdAt < ZIP64_LOCATOR_SIZE) {
      throw new ZipError('the ZIP64 end record is missing');
    }
    const locator = await this.read(eocdAt - ZIP64_LOCATOR_SIZE, ZIP64_LOCATOR_SIZE);
    if (locator.readUInt32LE(0) !== ZIP64_LOCATOR_SIGNATURE) {
      throw new ZipError('the ZIP64 end record is missing');
    }
    const recordAt = readU64(locator, 8);
    if (recordAt + 56 > eocdAt - ZIP64_LOCATOR_SIZE) {
      throw new ZipError('the ZIP64 end record lies outside the file');
    }
    const record = await this.read(recordAt, 56);
    if (record.readUInt32LE(0) !== ZIP64_EOCD_SIGNATURE) {
      throw new ZipError('the ZIP64 end record is damaged');
    }
    const count = readU64(record, 32);
    return { count, cdSize: readU64(record, 40), cdOffset: readU64(record, 48), cdEnd: recordAt };
  }

  /**
   * An entry's data, inflated, a chunk at a time; `consumed` is told each piece of compressed data as it is read.
   * The size and CRC-32 are checked at the end: a damaged entry throws a ZipError rather than giving wrong data.
   */
  async *chunks(entry: ZipEntry, consumed?: (bytes: number) => void): AsyncGenerator<Buffer> {
    if ((entry.flags & 0x1) !== 0) {
      throw new ZipError(`the zip entry ${entry.name} is encrypted`);
    }
    if (entry.method !== 0 && entry.method !== 8) {
      throw new ZipError(`the zip entry ${entry.name} uses compression method ${entry.method} (only 0 and 8 are read)`);
    }
    const header = await this.read(entry.localHeaderOffset, LOCAL_SIZE);
    if (header.readUInt32LE(0) !== LOCAL_SIGNATURE) {
      throw new ZipError(`the zip entry ${entry.name} is damaged (no local header)`);
    }
    const start = entry.localHeaderOffset + LOCAL_SIZE + header.readUInt16LE(26) + header.readUInt16LE(28);
    if (start + entry.compressedSize > this.size) {
      throw new ZipError(`the zip entry ${entry.name} runs past the end of the file`);
    }
    const source = Readable.from(this.compressed(start, entry.compressedSize, consumed), { objectMode: false });
    // Inflating runs on libuv's thread pool: let it work a few chunks ahead of the reader.
    const ahead = { readableHighWaterMark: AHEAD_BYTES };
    const output = entry.method === 8 ? createInflateRaw({ chunkSize: CHUNK_BYTES, ...ahead }) : new PassThrough(ahead);
    pipeline(source, output, () => undefined);
    let crc = 0;
    let size = 0;
    try {
      for await (const chunk of output as AsyncIterable<Buffer>) {
        crc = crc32(chunk, crc);
        size += chunk.length;
        if (size > entry.uncompressedSize) {
          throw new ZipError(`the zip entry ${entry.name} is longer than its directory says`);
        }
        yield chunk;
      }
    } catch (error) {
      throw error instanceof ZipError
        ? error
        : new ZipError(`the zip entry ${entry.name} is damaged (${message(error)})`);
    } finally {
      output.destroy();
    }
    if (size !== entry.uncompressedSize || crc !== entry.crc32) {
      throw new ZipError(`the zip entry ${entry.name} is damaged (its size or CRC-32 does not match)`);
    }
  }

  /** An entry's data whole: for the small parts (workbook, relationships). */
  async readAll(entry: ZipEntry): Promise<Buffer> {
    const parts: Buffer[] = [];
    for await (const chunk of this.chunks(entry)) {
      parts.push(chunk);
    }
    return Buffer.concat(parts);
  }

  private async *compressed(start: number, length: number, consumed?: (bytes: number) => void): AsyncGenerator<Buffer> {
    let position = start;
    const end = start + length;
    while (position < end) {
      const chunk = await this.read(position, Math.min(CHUNK_BYTES, end - position));
      position += chunk.length;
      consumed?.(chunk.length);
      yield chunk;
    }
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The ZIP64 extended information extra field (0x0001): the 64-bit values of the fields that hold 0xFFFFFFFF. */
function readZip64Extra(entry: ZipEntry, extra: Buffer): void {
  let pos = 0;
  while (pos + 4 <= extra.length) {
    const id = extra.readUInt16LE(pos);
    const length = extra.readUInt16LE(pos + 2);
    const end = Math.min(extra.length, pos + 4 + length);
    if (id === 0x0001) {
      let at = pos + 4;
      const take = (): number => {
        if (at + 8 > end) {
          throw new ZipError(`the ZIP64 field of the zip entry ${entry.name} is damaged`);
        }
        const value = readU64(extra, at);
        at += 8;
        return value;
      };
      if (entry.uncompressedSize === U32_MAX) {
        entry.uncompressedSize = take();
      }
      if (entry.compressedSize === U32_MAX) {
        entry.compressedSize = take();
      }
      if (entry.localHeaderOffset === U32_MAX) {
        entry.localHeaderOffset = take();
      }
      return;
    }
    pos = end;
  }
}
