/**
 * The structural rules of a report document, checked before any renderer runs, so a builder's mistake is a clear
 * `invalid_input` naming the place (`blocks.3.rows.2`) instead of a broken file.
 */
import { type FieldIssue, invalidFields } from '../../core/errors.js';
import { parseDay } from '../../core/time/index.js';
import { type Block, type Cell, type HeaderCell, isPng, type ReportDocument, type Run } from './document.js';
import { cleanText } from './format.js';

const KINDS = new Set(['bulletin', 'advice', 'portrait']);
const LOCALES = new Set(['zh-CN', 'en-US']);
const MAX_IMAGE_SIDE = 20_000;

type Issues = FieldIssue[];

function isPositiveInteger(value: unknown, max = Number.MAX_SAFE_INTEGER): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= max;
}

function checkText(value: unknown, path: string, issues: Issues, required = false): void {
  if (typeof value !== 'string') {
    issues.push({ path, message: 'must be text' });
  } else if (required && cleanText(value).trim() === '') {
    issues.push({ path, message: 'must not be empty' });
  }
}

function checkRuns(runs: unknown, path: string, issues: Issues): void {
  if (!Array.isArray(runs)) {
    issues.push({ path, message: 'must be a list of runs' });
    return;
  }
  runs.forEach((run: Run, i) => {
    checkText(run?.text, `${path}.${i}.text`, issues);
  });
}

function checkCells(cells: unknown, width: number, path: string, issues: Issues): void {
  if (!Array.isArray(cells)) {
    issues.push({ path, message: 'must be a list of cells' });
    return;
  }
  if (cells.length !== width) {
    issues.push({ path, message: `has ${cells.length} cells; the table has ${width} columns` });
  }
  cells.forEach((cell: Cell, i) => {
    if (cell !== null && typeof cell !== 'string' && typeof cell !== 'number') {
      issues.push({ path: `${path}.${i}`, message: 'must be text, a number or null' });
    }
  });
}

/** Header rows must tile the columns exactly, counting the cells that row spans bring down from above. */
function checkHeader(header: unknown, width: number, path: string, issues: Issues): void {
  if (!Array.isArray(header) || header.length === 0) {
    issues.push({ path, message: 'must have at least one row' });
    return;
  }
  const covered: number[] = Array(width).fill(0); // rows still covered by a row span, per column
  header.forEach((row: HeaderCell[], r) => {
    if (!Array.isArray(row)) {
      issues.push({ path: `${path}.${r}`, message: 'must be a list of cells' });
      return;
    }
    let column = 0;
    const next = covered.map((n) => Math.max(0, n - 1));
    const skipCovered = () => {
      while (column < width && (covered[column] ?? 0) > 0) {
        column += 1;
      }
    };
    row.forEach((cell, i) => {
      const text = typeof cell === 'string' ? cell : cell?.text;
      const colSpan = typeof cell === 'string' ? 1 : (cell?.colSpan ?? 1);
      const rowSpan = typeof cell === 'string' ? 1 : (cell?.rowSpan ?? 1);
      checkText(text, `${path}.${r}.${i}`, issues);
      if (!isPositiveInteger(colSpan, width) || !isPositiveInteger(rowSpan, header.length - r)) {
        issues.push({
          path: `${path}.${r}.${i}`,
          message: 'colSpan and rowSpan must be whole numbers within the header',
        });
        return;
      }
      skipCovered();
      for (let c = column; c < column + colSpan && c < width; c++) {
        next[c] = rowSpan - 1;
      }
      column += colSpan;
    });
    skipCovered();
    if (column !== width) {
      issues.push({ path: `${path}.${r}`, message: `spans ${column} columns; the table has ${width}` });
    }
    covered.splice(0, width, ...next);
  });
}

function checkBlock(block: Block, path: string, state: { level: number }, issues: Issues): void {
  switch (block?.type) {
    case 'heading':
      checkText(block.text, `${path}.text`, issues);
      if (!isPositiveInteger(block.level, 4)) {
        issues.push({ path: `${path}.level`, message: 'must be 1, 2, 3 or 4' });
      } else if (block.level > state.level + 1) {
        issues.push({
          path: `${path}.level`,
          message: `a level-${block.level} heading must follow a level-${block.level - 1} heading (levels cannot be skipped)`,
        });
      } else {
        state.level = block.level;
      }
      return;
    case 'paragraph':
      checkRuns(block.runs, `${path}.runs`, issues);
      return;
    case 'list':
      if (!Array.isArray(block.items)) {
        issues.push({ path: `${path}.items`, message: 'must be a list' });
        return;
      }
      block.items.forEach((item, i) => {
        checkRuns(item, `${path}.items.${i}`, issues);
      });
      return;
    case 'table': {
      if (!Array.isArray(block.columns) || block.columns.length === 0) {
        issues.push({ path: `${path}.columns`, message: 'must have at least one column' });
        return;
      }
      const width = block.columns.length;
      block.columns.forEach((column, i) => {
        if (
          column.digits !== undefined &&
          !(Number.isInteger(column.digits) && column.digits >= 0 && column.digits <= 6)
        ) {
          issues.push({ path: `${path}.columns.${i}.digits`, message: 'must be a whole number from 0 to 6' });
        }
        if (column.width !== undefined && !(Number.isFinite(column.width) && column.width > 0)) {
          issues.push({ path: `${path}.columns.${i}.width`, message: 'must be a positive number' });
        }
      });
      checkHeader(block.header, width, `${path}.header`, issues);
      if (!Array.isArray(block.rows)) {
        issues.push({ path: `${path}.rows`, message: 'must be a list of rows' });
      } else {
        block.rows.forEach((row, i) => {
          checkCells(row, width, `${path}.rows.${i}`, issues);
        });
      }
      if (block.total !== undefined) {
        checkCells(block.total, width, `${path}.total`, issues);
      }
      if (block.caption !== undefined) {
        checkText(block.caption, `${path}.caption`, issues);
      }
      block.notes?.forEach((note, i) => {
        checkText(note, `${path}.notes.${i}`, issues);
      });
      return;
    }
    case 'figure':
      if (!(block.png instanceof Uint8Array) || !isPng(block.png)) {
        issues.push({ path: `${path}.png`, message: 'must be the bytes of a PNG image' });
      }
      if (!isPositiveInteger(block.width, MAX_IMAGE_SIDE) || !isPositiveInteger(block.height, MAX_IMAGE_SIDE)) {
        issues.push({ path, message: `width and height must be whole numbers of pixels from 1 to ${MAX_IMAGE_SIDE}` });
      }
      if (block.caption !== undefined) {
        checkText(block.caption, `${path}.caption`, issues);
      }
      return;
    case 'chart':
      if (typeof block.spec !== 'object' || block.spec === null || typeof block.spec.option !== 'object') {
        issues.push({ path: `${path}.spec`, message: 'must be a chart spec { option, maps? }' });
      }
      if (!isPositiveInteger(block.width, MAX_IMAGE_SIDE) || !isPositiveInteger(block.height, MAX_IMAGE_SIDE)) {
        issues.push({ path, message: `width and height must be whole numbers of pixels from 1 to ${MAX_IMAGE_SIDE}` });
      }
      if (block.caption !== undefined) {
        checkText(block.caption, `${path}.caption`, issues);
      }
      return;
    case 'sheet':
      checkText(block.title, `${path}.title`, issues, true);
      state.level = 0;
      return;
    case 'pageBreak':
      return;
    default:
      issues.push({ path: `${path}.type`, message: 'is not a known block type' });
  }
}

/** Throws `invalid_input` naming every field that breaks the model's rules; returns the document otherwise. */
export function checkDocument(doc: ReportDocument): ReportDocument {
  const issues: Issues = [];
  if (!KINDS.has(doc.kind)) {
    issues.push({ path: 'kind', message: 'must be bulletin, advice or portrait' });
  }
  if (!LOCALES.has(doc.locale)) {
    issues.push({ path: 'locale', message: 'must be zh-CN or en-US' });
  }
  checkText(doc.title, 'title', issues, true);
  checkText(doc.issuer, 'issuer', issues, true);
  for (const key of ['subtitle', 'documentNumber', 'addressee'] as const) {
    if (doc[key] !== undefined) {
      checkText(doc[key], key, issues);
    }
  }
  try {
    parseDay(doc.date, 'date');
  } catch {
    issues.push({ path: 'date', message: 'must be a day YYYY-MM-DD' });
  }
  if (!Array.isArray(doc.blocks)) {
    issues.push({ path: 'blocks', message: 'must be a list of blocks' });
  } else {
    const state = { level: 0 };
    doc.blocks.forEach((block, i) => {
      checkBlock(block, `blocks.${i}`, state, issues);
    });
  }
  if (issues.length > 0) {
    throw invalidFields(issues);
  }
  return doc;
}
