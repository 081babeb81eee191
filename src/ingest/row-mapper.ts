import { invalidField } from '../core/errors.js';
import { maskName, maskPhone } from '../core/pii/index.js';
import { COMMON_PATTERNS, readInstant } from './datetime.js';
import { type IssueCode, type IssueParams, issueText } from './issue-text.js';
import { type IntakeLookups, matchKey, type TownLookups } from './lookups.js';
import type { CellFormat, Profile, ProfileColumn } from './profile.schema.js';
import type { Cell } from './readers/index.js';

/*
 * One row of cells → the input of createComplaint / createCase (codes, instants in epoch ms, booleans), by the
 * profile's columns. Cells a column cannot read reject the row, naming the column; a category or place that matches
 * nothing keeps the row (unclassified, no place) with a warning. zod validates the result afterwards, as for REST.
 */

/** A problem with one cell of a row (or with the row, when column is null): its code and params, and in English. */
export interface RowIssue {
  column: string | null;
  value: string | null;
  /** The English sentence (issueText in en-US), as stored and as the CLI prints it. */
  reason: string;
  code: IssueCode;
  params: IssueParams;
}

/** A row issue with its English reason written from the code. */
export function rowIssue(
  column: string | null,
  value: string | null,
  code: IssueCode,
  params: IssueParams = {},
): RowIssue {
  return { column, value, code, params, reason: issueText({ code, params }, 'en-US') };
}

export interface MappedRow {
  input: Record<string, unknown>;
  /** The town the row belongs to (its lookups), when it could be told. */
  town: TownLookups | undefined;
  rejects: RowIssue[];
  warnings: RowIssue[];
}

export interface RowMapper {
  /** Field → the header of the column that fills it (for naming the column of a zod issue). */
  columnOf(field: string): string | null;
  /** Columns of the profile the file does not have (their fields stay empty). */
  missing: readonly ProfileColumn[];
  /** Headers of the file no column of the profile reads. */
  ignored: readonly string[];
  /** The cell of the column filling `field`, as text an issue may quote (personal data masked); null if none. */
  quote(field: string, cells: readonly Cell[]): string | null;
  map(cells: readonly Cell[]): MappedRow;
}

/** Fields holding personal data: their cells are masked wherever an issue quotes them. */
const PERSONAL: Record<string, (value: string) => string> = { complainantName: maskName, complainantPhone: maskPhone };
/** Fields without which a row is no record: a file lacking their column cannot be imported at all. */
const REQUIRED_FIELDS = ['externalNo', 'openedAt'];

interface BoundColumn {
  column: ProfileColumn;
  index: number;
  read: (text: string, cell: Cell, row: MappedRow) => unknown;
}

type Reader = (text: string, cell: Cell, row: MappedRow) => unknown;

/** Thrown by a reader: the cell cannot be read, with the issue's code and params. */
class CellError extends Error {
  constructor(
    readonly code: IssueCode,
    readonly params: IssueParams,
  ) {
    super(code);
  }
}

export function compileMapper(
  profile: Profile,
  header: readonly string[],
  lookups: IntakeLookups,
  options: { townCode?: string } = {},
): RowMapper {
  const headerIndex = new Map<string, number>();
  header.forEach((h, i) => {
    const key = matchKey(h);
    if (!headerIndex.has(key)) {
      headerIndex.set(key, i);
    }
  });
  const bound: BoundColumn[] = [];
  const missing: ProfileColumn[] = [];
  const used = new Set<number>();
  for (const column of profile.columns) {
    const index = [column.header, ...(column.aliases ?? [])]
      .map((h) => headerIndex.get(matchKey(h)))
      .find((i) => i !== undefined);
    if (index === undefined) {
      if (REQUIRED_FIELDS.includes(column.field)) {
        throw invalidField(
          'header',
          `the file has no column "${column.header}" (${column.field}), which profile ${profile.name} needs; its header is: ${header.join(', ')}`,
        );
      }
      missing.push(column);
      continue;
    }
    used.add(index);
    bound.push({ column, index, read: readerFor(column.format, lookups) });
  }
  const fieldColumns = new Map(bound.map((b) => [b.column.field, b.column.header]));
  // The town first: places and departments are matched within the row's town.
  bound.sort((a, b) => Number(b.column.field === 'townCode') - Number(a.column.field === 'townCode'));
  const fixedTown = resolveFixedTown(profile, lookups, options.townCode, fieldColumns.has('townCode'));

  return {
    columnOf: (field) => fieldColumns.get(field) ?? null,
    quote(field, cells) {
      const column = bound.find((b) => b.column.field === field);
      const text = column ? cellText(cells[column.index] ?? null) : '';
      return text === '' ? null : quoted(field, text);
    },
    missing,
    ignored: header.filter((_, i) => !used.has(i)),
    map(cells) {
      const input: Record<string, unknown> = { ...profile.defaults, sourceSystem: profile.sourceSystem };
      const row: MappedRow = { input, town: fixedTown, rejects: [], warnings: [] };
      if (fixedTown) {
        row.input.townCode = fixedTown.code;
      }
      for (const { column, index, read } of bound) {
        const cell = cells[index] ?? null;
        const text = cellText(cell);
        if (text === '') {
          continue;
        }
        const warned = row.warnings.length;
        try {
          const value = read(text, cell, row);
          if (value !== undefined) {
            row.input[column.field] = value;
          }
          for (let i = warned; i < row.warnings.length; i += 1) {
            (row.warnings[i] as RowIssue).column = column.header;
          }
        } catch (error) {
          if (!(error instanceof CellError)) {
            throw error;
          }
          // A reader's params may quote the cell: a personal one only masked, like the value beside it.
          const params: IssueParams = { field: column.field };
          for (const [key, param] of Object.entries(error.params)) {
            params[key] =
              PERSONAL[column.field] && typeof param === 'string'
                ? param.replaceAll(text, quoted(column.field, text))
                : param;
          }
          row.rejects.push(rowIssue(column.header, quoted(column.field, text), error.code, params));
        }
      }
      if (!row.town && !row.rejects.some((r) => r.column === fieldColumns.get('townCode'))) {
        row.rejects.push(rowIssue(null, null, 'no_town'));
      }
      return row;
    },
  };
}

/** The town every row gets when the file has no town column: --town, the profile's default, or the only town. */
function resolveFixedTown(
  profile: Profile,
  lookups: IntakeLookups,
  townCode: string | undefined,
  fileHasTown: boolean,
): TownLookups | undefined {
  const given = townCode ?? (typeof profile.defaults.townCode === 'string' ? profile.defaults.townCode : undefined);
  if (given !== undefined) {
    const code = lookups.townKeys.get(matchKey(given));
    const town = code === undefined ? undefined : lookups.towns.get(code);
    if (!town) {
      throw invalidField(
        '--town',
        `unknown town "${given}" (known: ${[...lookups.towns.keys()].join(', ') || 'none'})`,
      );
    }
    return town;
  }
  if (fileHasTown) {
    return undefined;
  }
  if (lookups.towns.size === 1) {
    return [...lookups.towns.values()][0];
  }
  throw invalidField('--town', `the file has no town column and the store has ${lookups.towns.size} towns: name one`);
}

/** A cell as trimmed text ('' when empty); Excel date cells as ISO text (the readers of dates take the Date). */
function cellText(cell: Cell): string {
  if (cell === null) {
    return '';
  }
  if (typeof cell === 'string') {
    return cell.trim();
  }
  if (cell instanceof Date) {
    return Number.isNaN(cell.getTime()) ? 'Invalid Date' : cell.toISOString();
  }
  return String(cell);
}

function quoted(field: string, text: string): string {
  const mask = PERSONAL[field];
  return mask ? mask(text) : text;
}

function normalizedMap(map: Record<string, string> | undefined): Map<string, string> | undefined {
  return map ? new Map(Object.entries(map).map(([word, code]) => [matchKey(word), code])) : undefined;
}

const YUAN = /^-?\d{1,13}(\.\d{1,2})?$/;

/** The reader of a column's cells (a CellError names what is wrong with a cell). */
function readerFor(format: CellFormat, lookups: IntakeLookups): Reader {
  switch (format.type) {
    case 'text':
      return (text) => text;
    case 'integer':
      return (text) => {
        if (!/^-?\d{1,15}$/.test(text)) {
          throw new CellError('not_a_number', { value: text, expected: 'integer' });
        }
        return Number(text);
      };
    case 'degrees':
      return (text) => {
        const value = Number(text);
        if (!/^-?\d{1,3}(\.\d+)?$/.test(text) || !Number.isFinite(value)) {
          throw new CellError('not_a_number', { value: text, expected: 'degrees' });
        }
        return value;
      };
    case 'datetime': {
      const patterns = format.patterns ?? COMMON_PATTERNS;
      return (text, cell) => {
        const ms = readInstant(cell, patterns);
        if (ms === undefined) {
          throw new CellError('not_a_datetime', { value: text, formats: patterns.join(' | ') });
        }
        return ms;
      };
    }
    case 'enum': {
      const map = normalizedMap(format.map) as Map<string, string>;
      const words = Object.keys(format.map).join(', ');
      const lookup = memoize((text: string) => map.get(matchKey(text)));
      return (text) => {
        const code = lookup(text);
        if (code === undefined) {
          throw new CellError('unknown_value', { value: text, allowed: words });
        }
        return code;
      };
    }
    case 'boolean': {
      const yes = new Set(format.yes.map(matchKey));
      const no = new Set(format.no.map(matchKey));
      return (text) => {
        const key = matchKey(text);
        if (yes.has(key)) {
          return true;
        }
        if (no.has(key)) {
          return false;
        }
        throw new CellError('not_a_boolean', { value: text, yes: format.yes[0] ?? '', no: format.no[0] ?? '' });
      };
    }
    case 'yuan':
      return (text) => {
        const plain = text.replaceAll(',', '').replace(/^[¥￥]/, '');
        if (!YUAN.test(plain)) {
          throw new CellError('not_a_number', { value: text, expected: 'yuan' });
        }
        const [whole, fraction = ''] = plain.replace('-', '').split('.') as [string, string?];
        const fen = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
        return plain.startsWith('-') ? -fen : fen;
      };
    case 'category':
      return categoryReader(format, lookups);
    case 'town': {
      const map = normalizedMap(format.map);
      return (text, _cell, row) => {
        const key = matchKey(text);
        const code = lookups.townKeys.get(matchKey(map?.get(key) ?? key));
        const town = code === undefined ? undefined : lookups.towns.get(code);
        if (!town) {
          throw new CellError('unknown_town', { value: text });
        }
        row.town = town;
        return town.code;
      };
    }
    case 'place':
      return townScopedReader(format.map, (town) => town.places, 'place_unmatched');
    case 'department':
      return townScopedReader(format.map, (town) => town.departments, 'department_unmatched');
  }
}

function categoryReader(format: Extract<CellFormat, { type: 'category' }>, lookups: IntakeLookups): Reader {
  const map = normalizedMap(format.map);
  const index =
    format.match === 'code'
      ? lookups.categoryByCode
      : format.match === 'name'
        ? lookups.categoryByName
        : lookups.categoryByPath;
  const separator = format.separator;
  const lookup = memoize((text: string) => {
    const key = matchKey(format.match === 'path' ? text.split(separator).join('/') : text);
    const mapped = map?.get(key);
    return mapped !== undefined ? lookups.categoryByCode.get(mapped) : index.get(key);
  });
  return (text, _cell, row) => {
    const code = lookup(text);
    if (code !== undefined) {
      return code;
    }
    row.warnings.push(
      rowIssue(null, text, 'category_unmatched', { field: 'categoryCode', filedAs: lookups.unclassifiedCode }),
    );
    return lookups.unclassifiedCode;
  };
}

/** A reader of names that only mean something within the row's town (places, departments): unmatched → a warning. */
function townScopedReader(
  wordMap: Record<string, string> | undefined,
  index: (town: TownLookups) => Map<string, string>,
  issueCode: 'place_unmatched' | 'department_unmatched',
): Reader {
  const map = normalizedMap(wordMap);
  const lookup = memoize((text: string) => {
    const key = matchKey(text);
    return matchKey(map?.get(key) ?? key);
  });
  return (text, _cell, row) => {
    if (!row.town) {
      return undefined;
    }
    const code = index(row.town).get(lookup(text));
    if (code !== undefined) {
      return code;
    }
    const field = issueCode === 'place_unmatched' ? 'placeCode' : 'departmentCode';
    row.warnings.push(rowIssue(null, text, issueCode, { field, town: row.town.name }));
    return undefined;
  };
}

/** Names repeat across rows (a few hundred places and categories in a million rows): match each text once. */
function memoize<T>(compute: (text: string) => T): (text: string) => T {
  const cache = new Map<string, T>();
  return (text) => {
    if (cache.has(text)) {
      return cache.get(text) as T;
    }
    const value = compute(text);
    if (cache.size < 50_000) {
      cache.set(text, value);
    }
    return value;
  };
}
