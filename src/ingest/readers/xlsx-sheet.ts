import { type Cell, isBlankRow } from './table.js';
import { cellProblem, cellValue, columnOf, MAX_COLUMN } from './xlsx-cells.js';
import { PartDecoder } from './xlsx-decoder.js';
import { FastCells } from './xlsx-fast-cells.js';
import { StringItemText, type Workbook, type Worksheet } from './xlsx-workbook.js';
import { END, type PartReader, START, TEXT, XmlTokenizer } from './xlsx-xml.js';
import type { ZipArchive } from './xlsx-zip.js';

/*
 * A worksheet's rows as its XML streams in (ECMA-376 Part 1, 18.3.1.73 row, 18.3.1.4 c): cells placed by their
 * references, values typed by the cell's type and style (xlsx-cells). Simple cells take the fast path
 * (xlsx-fast-cells); the others come token by token.
 */

/** A non-blank row of a worksheet: its cells (no trailing empty ones), or why it could not be read. */
export interface SheetRow {
  number: number;
  cells: Cell[];
  error?: string;
}

export class SheetReader implements PartReader {
  /** Rows read and not yet taken. */
  rows: SheetRow[] = [];
  private inSheetData = false;
  private rowNumber = 0;
  /** The row being read (between <row> and </row>). */
  private cells: Cell[] | undefined;
  private rowError: string | undefined;
  private readonly fast: FastCells;
  // The cell being read token by token (between <c> and </c>).
  private inCell = false;
  private reference = '';
  private type = 'n';
  private style = 0;
  private value: string | undefined;
  /** Whether the value may hold _xHHHH_ escapes. */
  private escaped = false;
  private inValue = false;
  private inInline = false;
  private readonly item = new StringItemText();

  constructor(private readonly workbook: Workbook) {
    this.fast = new FastCells(workbook);
  }

  read(tokens: XmlTokenizer): void {
    for (;;) {
      if (this.cells !== undefined && !this.inCell) {
        const input = tokens.unread;
        if (input !== undefined) {
          tokens.skipTo(this.fast.read(input, tokens.position, this.cells));
        }
      }
      const token = tokens.next();
      if (token === START) {
        this.start(tokens);
      } else if (token === END) {
        this.end(tokens.name);
      } else if (token === TEXT) {
        if (this.inValue) {
          this.value = this.value === undefined ? tokens.text : this.value + tokens.text;
          this.escaped ||= tokens.underscore;
        } else if (this.inInline) {
          this.item.text(tokens.text, tokens.underscore);
        }
      } else {
        return;
      }
    }
  }

  private start(tokens: XmlTokenizer): void {
    const name = tokens.name;
    if (this.inInline) {
      this.item.start(name);
    } else if (name === 'c') {
      if (this.cells !== undefined) {
        this.startCell(tokens);
      }
    } else if (name === 'v') {
      this.inValue = this.inCell;
    } else if (name === 'row') {
      if (this.inSheetData) {
        this.startRow(tokens.attribute('r'));
      }
    } else if (name === 'is') {
      this.inInline = this.inCell;
    } else if (name === 'sheetData') {
      this.inSheetData = true;
    }
  }

  private end(name: string): void {
    if (name === 'v') {
      this.inValue = false;
    } else if (name === 'c') {
      if (this.inCell && this.cells !== undefined) {
        this.endCell(this.cells);
      }
    } else if (name === 'row') {
      if (this.cells !== undefined) {
        this.endRow(this.cells);
      }
    } else if (name === 'is') {
      if (this.inInline) {
        this.inInline = false;
        this.value = this.item.take();
      }
    } else if (this.inInline) {
      this.item.end(name);
    } else if (name === 'sheetData') {
      this.inSheetData = false;
    }
  }

  private startRow(reference: string | undefined): void {
    const number = reference === undefined ? this.rowNumber + 1 : Number(reference);
    this.cells = [];
    this.fast.column = 0;
    if (Number.isSafeInteger(number) && number > 0) {
      this.rowNumber = number;
      this.rowError = undefined;
    } else {
      this.rowNumber += 1;
      this.rowError = `the row number "${reference}" is not a number`;
    }
  }

  private endRow(cells: Cell[]): void {
    this.cells = undefined;
    let end = cells.length;
    while (end > 0 && cells[end - 1] === null) {
      end--;
    }
    cells.length = end;
    if (this.rowError !== undefined) {
      this.rows.push({ number: this.rowNumber, cells: [], error: this.rowError });
    } else if (!isBlankRow(cells)) {
      this.rows.push({ number: this.rowNumber, cells });
    }
  }

  private startCell(tokens: XmlTokenizer): void {
    let reference: string | undefined;
    let type = 'n';
    let style = 0;
    for (let i = 0; i < tokens.attributeCount; i++) {
      if (tokens.attributeIs(i, 'r')) {
        reference = tokens.attributeValue(i);
      } else if (tokens.attributeIs(i, 't')) {
        type = tokens.attributeValue(i);
      } else if (tokens.attributeIs(i, 's')) {
        style = Number(tokens.attributeValue(i));
      }
    }
    const column = reference === undefined ? this.fast.column + 1 : columnOf(reference);
    this.reference = reference ?? `#${column}`;
    if (column === 0 || column > MAX_COLUMN) {
      this.rowError ??= `the cell reference "${reference}" is not one`;
    }
    this.fast.column = column;
    this.inCell = true;
    this.type = type;
    this.style = style;
    this.value = undefined;
    this.escaped = false;
  }

  private endCell(cells: Cell[]): void {
    this.inCell = false;
    const column = this.fast.column;
    if (column === 0 || column > MAX_COLUMN) {
      return;
    }
    // An inline string's text was unescaped when its runs were joined.
    const escaped = this.escaped && this.type !== 'inlineStr';
    const value = cellValue(this.workbook, this.type, this.style, this.value, escaped);
    if (value === undefined) {
      this.rowError ??= `cell ${this.reference}: ${cellProblem(this.type, this.value)}`;
      return;
    }
    const index = column - 1;
    while (cells.length < index) {
      cells.push(null);
    }
    cells[index] = value;
  }
}

/**
 * A worksheet's non-blank rows, a batch per chunk of its XML. `consumed` is told the compressed bytes as they are
 * read. An XmlError or ZipError when the sheet is damaged.
 */
export async function* worksheetRows(
  zip: ZipArchive,
  sheet: Worksheet,
  workbook: Workbook,
  consumed: (bytes: number) => void,
): AsyncGenerator<SheetRow[]> {
  const reader = new SheetReader(workbook);
  const decoder = new PartDecoder();
  const tokens = new XmlTokenizer();
  for await (const chunk of zip.chunks(sheet.entry, consumed)) {
    tokens.write(decoder.decode(chunk));
    reader.read(tokens);
    if (reader.rows.length > 0) {
      const rows = reader.rows;
      reader.rows = [];
      yield rows;
    }
  }
  tokens.write(decoder.end());
  tokens.finish();
  reader.read(tokens);
  if (reader.rows.length > 0) {
    yield reader.rows;
  }
}
