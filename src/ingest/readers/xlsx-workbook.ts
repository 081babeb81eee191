import { PartDecoder } from './xlsx-decoder.js';
import { StylesReader } from './xlsx-styles.js';
import { DONE, END, MORE, type PartReader, START, TEXT, XmlTokenizer } from './xlsx-xml.js';
import { type ZipArchive, type ZipEntry, ZipError } from './xlsx-zip.js';

/*
 * The parts of an XLSX package the reader needs (ECMA-376 Part 1 and Part 2, OPC): the workbook found through the
 * package relationships, its worksheets in order, the shared strings, the cell styles that show dates, and the date
 * system. Everything but the worksheets is read when the workbook is opened.
 */

export interface Worksheet {
  name: string;
  entry: ZipEntry;
}

export interface Workbook {
  /** Worksheets in the workbook's order, hidden ones too (chart sheets and the like left out). */
  sheets: Worksheet[];
  sharedStrings: string[];
  /** For each cell style index, whether a number cell in that style is a date. */
  dateStyles: boolean[];
  /** The 1904 date system (old Mac workbooks): serial 0 is 1904-01-01. */
  date1904: boolean;
}

/** Read a part's text, a chunk at a time, with a part reader. */
export async function readPart(zip: ZipArchive, entry: ZipEntry, reader: PartReader): Promise<void> {
  const decoder = new PartDecoder();
  const tokens = new XmlTokenizer();
  for await (const chunk of zip.chunks(entry)) {
    tokens.write(decoder.decode(chunk));
    reader.read(tokens);
  }
  tokens.write(decoder.end());
  tokens.finish();
  reader.read(tokens);
}

/** A relationships part (.rels): target by id, and the targets of each type (the last segment of its URI). */
class RelationshipsReader implements PartReader {
  readonly byId = new Map<string, { type: string; target: string }>();

  read(tokens: XmlTokenizer): void {
    for (let token = tokens.next(); token !== MORE && token !== DONE; token = tokens.next()) {
      const id = token === START && tokens.name === 'Relationship' ? tokens.attribute('Id') : undefined;
      const target = id === undefined ? undefined : tokens.attribute('Target');
      if (id !== undefined && target !== undefined) {
        const type = (tokens.attribute('Type') ?? '').replace(/^.*\//, '');
        this.byId.set(id, { type, target });
      }
    }
  }

  ofType(type: string): string | undefined {
    return [...this.byId.values()].find((relationship) => relationship.type === type)?.target;
  }
}

class WorkbookReader implements PartReader {
  readonly sheets: { name: string; id: string }[] = [];
  date1904 = false;

  read(tokens: XmlTokenizer): void {
    for (let token = tokens.next(); token !== MORE && token !== DONE; token = tokens.next()) {
      if (token !== START) {
        continue;
      }
      if (tokens.name === 'sheet') {
        this.sheets.push({ name: tokens.attribute('name') ?? '', id: tokens.attribute('id') ?? '' });
      } else if (tokens.name === 'workbookPr') {
        const date1904 = tokens.attribute('date1904');
        this.date1904 = date1904 === '1' || date1904 === 'true';
      }
    }
  }
}

/**
 * The text of rich or plain strings: the <t> elements of an <si> (shared strings) or <is> (inline strings), runs
 * joined, phonetic runs (<rPh>) left out. OOXML escapes characters XML cannot hold as _xHHHH_ (ECMA-376 Part 1,
 * 22.9.2.19); those are unescaped.
 */
export class StringItemText {
  private parts: string[] = [];
  private depthInPhonetic = 0;
  private inText = false;
  private escaped = false;

  start(name: string): void {
    if (name === 'rPh') {
      this.depthInPhonetic++;
    } else if (name === 't' && this.depthInPhonetic === 0) {
      this.inText = true;
    }
  }

  end(name: string): void {
    if (name === 'rPh') {
      this.depthInPhonetic--;
    } else if (name === 't') {
      this.inText = false;
    }
  }

  /** Text, and whether it holds an underscore (may hold an escape). */
  text(text: string, underscore: boolean): void {
    if (this.inText) {
      this.add(text, underscore);
    }
  }

  /** The text of a whole <t>. */
  add(text: string, underscore: boolean): void {
    this.parts.push(text);
    this.escaped ||= underscore;
  }

  /** The string so far, and start afresh. */
  take(): string {
    const joined = this.parts.length === 1 ? (this.parts[0] as string) : this.parts.join('');
    const escaped = this.escaped;
    this.parts = [];
    this.depthInPhonetic = 0;
    this.inText = false;
    this.escaped = false;
    return escaped ? unescapeXstring(joined) : joined;
  }
}

/** _xHHHH_ → the character (ECMA-376 Part 1, 22.9.2.19 ST_Xstring); _x005F_ is the escaped underscore. */
export function unescapeXstring(text: string): string {
  return text.indexOf('_x') < 0
    ? text
    : text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

class SharedStringsReader implements PartReader {
  readonly strings: string[] = [];
  private readonly item = new StringItemText();
  private inItem = false;

  read(tokens: XmlTokenizer): void {
    for (let token = tokens.next(); token !== MORE && token !== DONE; token = tokens.next()) {
      if (token === TEXT) {
        this.item.text(tokens.text, tokens.underscore);
      } else if (tokens.name === 'si') {
        this.inItem = token === START;
        if (token === END) {
          this.strings.push(this.item.take());
        } else {
          // Most items are a plain <t>: read at once.
          const text = tokens.textElement('t');
          if (text !== undefined) {
            this.item.add(text, tokens.underscore);
          }
        }
      } else if (this.inItem) {
        if (token === START) {
          this.item.start(tokens.name);
        } else {
          this.item.end(tokens.name);
        }
      }
    }
  }
}

/** A relationship's target as a part name: relative to the folder of the part it belongs to, or absolute. */
export function resolveTarget(base: string, target: string): string {
  const path = target.replace(/\\/g, '/');
  const segments = path.startsWith('/') ? [] : base.split('/').slice(0, -1);
  for (const segment of path.split('/')) {
    if (segment === '..') {
      segments.pop();
    } else if (segment !== '' && segment !== '.') {
      segments.push(segment);
    }
  }
  return segments.join('/');
}

/** The relationships of a part (its _rels/<name>.rels), or none. */
async function relationships(zip: ZipArchive, part: string): Promise<RelationshipsReader> {
  const slash = part.lastIndexOf('/');
  const relsName = `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
  const reader = new RelationshipsReader();
  const entry = zip.entry(relsName);
  if (entry) {
    await readPart(zip, entry, reader);
  }
  return reader;
}

/** Read a workbook's structure, shared strings and styles. A ZipError or XmlError when a part is missing or damaged. */
export async function readWorkbook(zip: ZipArchive): Promise<Workbook> {
  const root = await relationships(zip, '');
  const workbookName = resolveTarget('', root.ofType('officeDocument') ?? 'xl/workbook.xml');
  const workbookEntry = zip.entry(workbookName);
  if (!workbookEntry) {
    throw new ZipError(`the zip has no workbook part (${workbookName}): not an XLSX workbook`);
  }
  const workbook = new WorkbookReader();
  await readPart(zip, workbookEntry, workbook);
  const rels = await relationships(zip, workbookName);

  const sheets: Worksheet[] = [];
  for (const { name, id } of workbook.sheets) {
    const relationship = rels.byId.get(id);
    if (relationship?.type !== 'worksheet') {
      continue;
    }
    const partName = resolveTarget(workbookName, relationship.target);
    const entry = zip.entry(partName);
    if (!entry) {
      throw new ZipError(`the worksheet "${name}" is missing from the zip (${partName})`);
    }
    sheets.push({ name, entry });
  }

  const sharedStrings = new SharedStringsReader();
  const stringsTarget = rels.ofType('sharedStrings');
  const stringsEntry = stringsTarget === undefined ? undefined : zip.entry(resolveTarget(workbookName, stringsTarget));
  if (stringsEntry) {
    await readPart(zip, stringsEntry, sharedStrings);
  }
  const styles = new StylesReader();
  const stylesTarget = rels.ofType('styles');
  const stylesEntry = stylesTarget === undefined ? undefined : zip.entry(resolveTarget(workbookName, stylesTarget));
  if (stylesEntry) {
    await readPart(zip, stylesEntry, styles);
  }
  return { sheets, sharedStrings: sharedStrings.strings, dateStyles: styles.dateStyles(), date1904: workbook.date1904 };
}
