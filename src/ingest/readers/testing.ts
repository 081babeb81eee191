import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { openTable } from './open-table.js';
import type { OpenTableOptions, Table, TableRow } from './table.js';

/*
 * Helpers for the readers' tests: a temporary folder per test file, and a file read back whole.
 */

/** A fresh temporary folder for the tests of one file (removed afterwards); `file(name, bytes)` writes into it. */
export function useTempDir(): {
  dir: () => string;
  file: (name: string, bytes: string | Uint8Array) => Promise<string>;
} {
  let dir = '';
  let count = 0;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shanzhi-readers-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  return {
    dir: () => dir,
    async file(name, bytes) {
      const path = join(dir, `${++count}-${name}`);
      await writeFile(path, bytes);
      return path;
    },
  };
}

/** A table's header and all its rows (the table is closed afterwards). */
export async function readAll(
  path: string,
  options?: OpenTableOptions,
): Promise<{ table: Table; header: readonly string[]; rows: TableRow[] }> {
  const table = await openTable(path, options);
  const rows: TableRow[] = [];
  try {
    for await (const row of table.rows) {
      rows.push(row);
    }
  } finally {
    await table.close();
  }
  return { table, header: [...table.header], rows };
}

/** Rows as [line, cells] pairs, or [line, error reason] for rejects: compact to compare. */
export function lines(rows: readonly TableRow[]): [number, readonly unknown[] | string][] {
  return rows.map((row) => [row.line, row.error ? row.error.reason : row.cells]);
}
