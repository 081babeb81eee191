import { ReaderError, readOnce, type Table, type TableFormat, type TableRow } from './table.js';
import type { TextSource } from './text-source.js';

/** Turns text, piece by piece, into rows (and rejects), appended to `out` in file order. */
export interface RowProducer {
  push(text: string, out: TableRow[]): void;
  end(out: TableRow[]): void;
}

/**
 * Where the header comes from: the first row (CSV), or the producer as it reads objects (JSON: a file without any
 * object and without any problem, `[]` say, is an empty table with an empty header).
 */
export type HeaderSource = { kind: 'first-row' } | { kind: 'producer'; header: () => readonly string[] };

/** Rejects allowed before the first JSON object before the file is deemed not to hold any. */
const MAX_REJECTS_BEFORE_HEADER = 1000;

const describeEncoding = (encoding: TextSource['encoding']) => (encoding === 'gb18030' ? 'GB18030' : 'UTF-8');

/** Why a row holding U+FFFD is rejected. */
export function undecodableReason(source: TextSource): () => string {
  return () => {
    const name = describeEncoding(source.encoding);
    return `holds bytes that are not valid ${name} (the file was read as ${name}; name its encoding if it is another)`;
  };
}

/**
 * A Table over a text file: the first piece of text picks the producer (the CSV delimiter, JSON array or lines);
 * rows are produced a chunk at a time as the iteration asks for them.
 */
export async function openTextTable(
  source: TextSource,
  format: TableFormat,
  producerFor: (firstText: string) => RowProducer,
  headerSource: HeaderSource,
): Promise<Table> {
  const pending: TableRow[] = [];
  let index = 0;
  let ended = false;
  let producer: RowProducer | undefined;

  /** Read on until rows past `index` are pending or the file ends; false at the end. */
  const more = async (keep: boolean): Promise<boolean> => {
    while (index >= pending.length) {
      if (ended) {
        return false;
      }
      if (!keep) {
        pending.length = 0;
        index = 0;
      }
      const text = await source.next();
      if (text === null) {
        (producer ?? producerFor('')).end(pending);
        ended = true;
      } else {
        producer ??= producerFor(text);
        producer.push(text, pending);
      }
    }
    return true;
  };

  let header: readonly string[];
  try {
    if (headerSource.kind === 'first-row') {
      if (!(await more(false))) {
        throw new ReaderError(0, 'the file is empty: no header row');
      }
      const first = pending[index++] as TableRow;
      if (first.error) {
        throw new ReaderError(first.line, `the header row cannot be read: ${first.error.reason}`);
      }
      header = first.cells.map((cell) =>
        String(cell)
          .replace(/^\uFEFF/, '')
          .trim(),
      );
    } else {
      let scan = 0;
      for (;;) {
        const row = pending[scan];
        if (row === undefined) {
          index = scan;
          const going = await more(true);
          index = 0;
          if (going) {
            continue;
          }
          const problem = pending[0]?.error;
          if (problem && headerSource.header().length === 0) {
            throw new ReaderError(problem.line, `no JSON object could be read; the first problem: ${problem.reason}`);
          }
          break; // no objects and no problems: an empty table
        }
        if (!row.error || headerSource.header().length > 0) {
          break;
        }
        if (++scan > MAX_REJECTS_BEFORE_HEADER) {
          throw new ReaderError(row.line, `no JSON object in the first ${MAX_REJECTS_BEFORE_HEADER} entries`);
        }
      }
      header = headerSource.header();
    }
  } catch (error) {
    await source.close();
    throw error;
  }

  async function* iterate(): AsyncGenerator<TableRow> {
    try {
      for (;;) {
        while (index < pending.length) {
          yield pending[index++] as TableRow;
        }
        if (!(await more(false))) {
          return;
        }
      }
    } finally {
      await source.close();
    }
  }

  return {
    format,
    get encoding() {
      return source.encoding;
    },
    header,
    rows: readOnce(iterate),
    bytesRead: () => source.bytesRead(),
    bytesTotal: source.bytesTotal,
    close: () => source.close(),
  };
}
