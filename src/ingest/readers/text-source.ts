import { type FileHandle, open } from 'node:fs/promises';
import type { TableEncoding } from './table.js';

/** Bytes read from the file at a time (the decoder's input; one buffer, reused). */
const CHUNK_BYTES = 128 * 1024;
/** How much text after the first non-ASCII byte decides between UTF-8 and GB18030. */
const SNIFF_BYTES = 64 * 1024;
const BOM = '\uFEFF';

/**
 * A text file read a chunk at a time and decoded. Invalid bytes decode to U+FFFD (the readers reject the rows
 * holding one, rather than stopping the file); the decoder keeps a multi-byte character cut by a chunk's end for the
 * next chunk.
 */
export interface TextSource {
  /** The next piece of text, or null at the end of the file. The file's BOM is not part of the text. */
  next(): Promise<string | null>;
  readonly encoding: TableEncoding;
  bytesRead(): number;
  bytesTotal: number;
  close(): Promise<void>;
}

/** Whether these bytes are UTF-8; `more` when the file goes on after them (a character may be cut at the end). */
function isUtf8(bytes: Uint8Array, more: boolean): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: more });
    return true;
  } catch {
    return false;
  }
}

function firstNonAscii(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) {
    if ((bytes[i] as number) >= 0x80) {
      return i;
    }
  }
  return -1;
}

const hasUtf8Bom = (bytes: Uint8Array) => bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;

/**
 * Open a text file. `auto`: a UTF-8 BOM means UTF-8; otherwise the first 64 KiB from the first non-ASCII byte on
 * decide (valid UTF-8, a character cut at the sample's end allowed → UTF-8, else GB18030, of which GBK is a subset).
 * Text that is ASCII so far reads the same in both, so the choice waits for the first non-ASCII byte however far
 * into the file it comes. A UTF-8 BOM wins over a requested GB18030: such a file is UTF-8 for certain.
 */
export async function openTextSource(path: string, requested: 'auto' | 'utf8' | 'gb18030'): Promise<TextSource> {
  const handle: FileHandle = await open(path, 'r');
  let bytesTotal: number;
  try {
    bytesTotal = (await handle.stat()).size;
  } catch (error) {
    await handle.close();
    throw error;
  }
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  let position = 0;
  let closed = false;
  let started = false;
  let encoding: TableEncoding = requested === 'gb18030' ? 'gb18030' : 'utf8';
  let decided = requested !== 'auto';
  let decoder = new TextDecoder(encoding === 'gb18030' ? 'gb18030' : 'utf-8');

  const decide = (bytes: Uint8Array, first: boolean) => {
    if (first && hasUtf8Bom(bytes)) {
      encoding = 'utf8-bom';
      decoder = new TextDecoder('utf-8');
      decided = true;
      return;
    }
    if (decided) {
      return;
    }
    const from = firstNonAscii(bytes);
    if (from === -1) {
      return;
    }
    const to = Math.min(bytes.length, from + SNIFF_BYTES);
    const more = to < bytes.length || position < bytesTotal;
    if (!isUtf8(bytes.subarray(from, to), more)) {
      // Only ASCII went through the UTF-8 decoder so far: it holds no partial character to carry over.
      encoding = 'gb18030';
      decoder = new TextDecoder('gb18030');
    }
    decided = true;
  };

  const source: TextSource = {
    get encoding() {
      return encoding;
    },
    bytesTotal,
    bytesRead: () => position,
    async next() {
      for (;;) {
        if (closed) {
          return null;
        }
        const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, position);
        if (bytesRead === 0) {
          await source.close();
          const rest = decoder.decode();
          return rest === '' ? null : rest;
        }
        const bytes = buffer.subarray(0, bytesRead);
        const first = position === 0;
        position += bytesRead;
        decide(bytes, first);
        let text = decoder.decode(bytes, { stream: true });
        if (!started && text.length > 0) {
          started = true;
          text = text.charCodeAt(0) === 0xfeff ? text.slice(BOM.length) : text;
        }
        if (text.length > 0) {
          return text;
        }
      }
    },
    async close() {
      if (!closed) {
        closed = true;
        await handle.close();
      }
    },
  };
  return source;
}
