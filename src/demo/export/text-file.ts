import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import iconv from 'iconv-lite';

/** How a text file is encoded: UTF-8, UTF-8 with a byte-order mark (what Excel wants), or GB18030. */
export type TextEncoding = 'utf8' | 'utf8-bom' | 'gb18030';

const BOM = '\uFEFF';

/**
 * Text in an encoding, as bytes. GB18030 through iconv-lite: it covers all of Unicode, four-byte sequences too. The
 * BOM belongs to a file, not to a piece of its text: 'utf8-bom' encodes like 'utf8' here.
 */
export function encodeText(text: string, encoding: TextEncoding): Buffer {
  return encoding === 'gb18030' ? iconv.encode(text, 'gb18030') : Buffer.from(text, 'utf8');
}

/** Write a whole (small) text file in an encoding, with its BOM for 'utf8-bom'; resolves with its size in bytes. */
export async function writeTextFile(path: string, text: string, encoding: TextEncoding): Promise<number> {
  const bytes = encodeText(encoding === 'utf8-bom' ? BOM + text : text, encoding);
  await writeFile(path, bytes);
  return bytes.length;
}

/**
 * A text file written piece by piece, honouring the stream's backpressure: a write waits while the stream's buffer
 * is full, so a writer that produces faster than the disk takes never piles text up in memory.
 */
export class TextFileWriter {
  private constructor(
    private readonly stream: WriteStream,
    private readonly encoding: TextEncoding,
  ) {}

  /** Create (or replace) the file; a UTF-8 file with BOM gets its BOM here. */
  static async open(path: string, encoding: TextEncoding): Promise<TextFileWriter> {
    const stream = createWriteStream(path);
    await once(stream, 'open');
    const writer = new TextFileWriter(stream, encoding);
    if (encoding === 'utf8-bom') {
      await writer.write(BOM);
    }
    return writer;
  }

  /** Append text. */
  async write(text: string): Promise<void> {
    if (text.length > 0 && !this.stream.write(encodeText(text, this.encoding))) {
      await once(this.stream, 'drain');
    }
  }

  /** Finish the file; resolves with its size in bytes once it is on disk. */
  async close(): Promise<number> {
    this.stream.end();
    await once(this.stream, 'close');
    return this.stream.bytesWritten;
  }

  /** Abandon the file after an error (what was written stays). */
  destroy(): void {
    this.stream.destroy();
  }
}
