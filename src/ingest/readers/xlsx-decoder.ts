import { TextDecoder } from 'node:util';
import { XmlError } from './xlsx-xml-text.js';

/**
 * Bytes of a part → text, a chunk at a time. UTF-8 (with or without a BOM), or UTF-16 with a BOM, as OPC allows; a
 * character cut by a chunk's end is kept for the next chunk (the fault of exceljs's reader, exceljs#1665). Invalid
 * bytes are an error, never U+FFFD.
 */
export class PartDecoder {
  private decoder: TextDecoder | undefined;
  private head: Uint8Array | undefined;

  decode(bytes: Uint8Array): string {
    if (this.decoder === undefined) {
      const head = this.head === undefined ? bytes : Buffer.concat([this.head, bytes]);
      if (head.length < 2) {
        this.head = head;
        return '';
      }
      this.head = undefined;
      const encoding =
        head[0] === 0xff && head[1] === 0xfe ? 'utf-16le' : head[0] === 0xfe && head[1] === 0xff ? 'utf-16be' : 'utf-8';
      this.decoder = new TextDecoder(encoding, { fatal: true });
      return this.run(head, true);
    }
    return this.run(bytes, true);
  }

  end(): string {
    if (this.decoder === undefined) {
      this.decoder = new TextDecoder('utf-8', { fatal: true });
      return this.run(this.head ?? new Uint8Array(0), false);
    }
    return this.run(new Uint8Array(0), false);
  }

  private run(bytes: Uint8Array, stream: boolean): string {
    try {
      return (this.decoder as TextDecoder).decode(bytes, { stream });
    } catch {
      throw new XmlError(`the XML is not valid ${this.decoder?.encoding.toUpperCase()}`);
    }
  }
}
