import { open } from 'node:fs/promises';
import { extname } from 'node:path';
import { CsvTokenizer, sniffDelimiter } from './csv-tokenizer.js';
import { JsonArrayProducer, JsonLinesProducer, ObjectRows } from './json-producers.js';
import { type OpenTableOptions, ReaderError, type Table, type TableFormat } from './table.js';
import { openTextSource } from './text-source.js';
import { openTextTable, undecodableReason } from './text-table.js';
import { openXlsx } from './xlsx-reader.js';

const EXTENSIONS: Readonly<Record<string, TableFormat>> = {
  '.csv': 'csv',
  '.txt': 'csv',
  '.tsv': 'csv',
  '.xlsx': 'xlsx',
  '.xlsm': 'xlsx',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.json': 'jsonl',
};

/** What the first bytes say for certain. */
type Magic = 'zip' | 'ole' | 'utf16' | 'json' | 'text';

async function sniff(path: string): Promise<Magic> {
  const handle = await open(path, 'r');
  try {
    const bytes = Buffer.alloc(512);
    const { bytesRead } = await handle.read(bytes, 0, bytes.length, 0);
    const head = bytes.subarray(0, bytesRead);
    if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) {
      return 'zip';
    }
    if (head.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) {
      return 'ole';
    }
    if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
      return 'utf16';
    }
    const text = head
      .toString('latin1')
      .replace(/^\xEF\xBB\xBF/, '')
      .trimStart();
    return text.startsWith('{') || text.startsWith('[') ? 'json' : 'text';
  } finally {
    await handle.close();
  }
}

/** The format: a zip is XLSX whatever its name; else the option, the extension, or the first character. */
function chooseFormat(magic: Magic, options: OpenTableOptions, name: string): TableFormat {
  if (magic === 'ole') {
    throw new ReaderError(0, 'an XLS workbook (Excel 97–2003) cannot be read: save it as XLSX or CSV');
  }
  if (magic === 'utf16') {
    throw new ReaderError(0, 'UTF-16 text ("Unicode text" in Excel) cannot be read: save it as CSV (UTF-8 or GB18030)');
  }
  if (magic === 'zip') {
    if (options.format !== undefined && options.format !== 'xlsx') {
      throw new ReaderError(0, `the file is an XLSX workbook (a zip), not ${options.format}`);
    }
    return 'xlsx';
  }
  const ext = extname(name).toLowerCase();
  if (ext === '.xls' || ext === '.et') {
    throw new ReaderError(0, `a ${ext} workbook cannot be read: save it as XLSX or CSV`);
  }
  return options.format ?? EXTENSIONS[ext] ?? (magic === 'json' ? 'jsonl' : 'csv');
}

/**
 * Open a table file: CSV (RFC 4180, any of comma, tab or semicolon as delimiter; UTF-8 with or without BOM, or
 * GB18030), XLSX (every worksheet), JSON Lines or a JSON array of objects. The header is read here; the rows as they
 * are iterated. See Table for what comes out and ReaderError for what can go wrong.
 */
export async function openTable(path: string, options: OpenTableOptions = {}): Promise<Table> {
  const format = chooseFormat(await sniff(path), options, options.fileName ?? path);
  if (format === 'xlsx') {
    return openXlsx(path);
  }
  const source = await openTextSource(path, options.encoding ?? 'auto');
  const undecodable = undecodableReason(source);
  if (format === 'csv') {
    return openTextTable(source, 'csv', (first) => new CsvTokenizer(sniffDelimiter(first), undecodable), {
      kind: 'first-row',
    });
  }
  // A .json file (or one of no known extension) may hold an array; .jsonl and .ndjson are lines whatever comes first.
  const lines = ['.jsonl', '.ndjson'].includes(extname(options.fileName ?? path).toLowerCase());
  const objects = new ObjectRows(undecodable);
  return openTextTable(
    source,
    'jsonl',
    (first) =>
      !lines && first.trimStart().startsWith('[') ? new JsonArrayProducer(objects) : new JsonLinesProducer(objects),
    { kind: 'producer', header: () => objects.header },
  );
}
