import { describe, expect, it } from 'vitest';
import { createCipher } from '../../core/pii/index.js';
import { createDemo } from '../demo.js';
import type { RefSnapshot } from './refs.js';
import { snapshotRefs } from './refs.js';
import { COMPLAINT_COLUMNS, type RowChunk } from './rows.js';
import { type RowSource, threadRowSource, workerRowSource } from './source.js';

const SECRET = 'source-test-secret-0123456789abcdefghijklmnop';
const demo = createDemo({ seed: 'source-test', records: 2_000, enterprises: 30 });

/** A snapshot with made-up ids for every code of the demo. */
function snapshot(): RefSnapshot {
  const numbered = (codes: string[]): [string, number][] => codes.map((code, i) => [code, i + 1]);
  return {
    townCode: demo.map.town.code,
    townId: 1,
    categories: numbered(demo.categories.map((c) => c.code)),
    places: numbered(demo.map.villages.flatMap((v) => [v.code, ...v.groups.map((g) => g.code)])),
    enterprises: numbered(demo.enterprises.map((e) => e.creditCode)),
    departments: numbered([...new Set(demo.categories.flatMap((c) => c.profile.department ?? []))]),
  };
}

async function allWeeks(source: RowSource): Promise<RowChunk[]> {
  const chunks: RowChunk[] = [];
  try {
    for (const week of demo.calendar.weeks.keys()) {
      for await (const chunk of source.week(week)) {
        chunks.push(chunk);
      }
    }
  } finally {
    await source.close();
  }
  return chunks;
}

const externalNos = (chunks: RowChunk[]) =>
  chunks.flatMap((chunk) => chunk.rows.map((row) => row[COMPLAINT_COLUMNS.indexOf('external_no')]));

describe('demo row sources', () => {
  it('row workers give the weeks in order, the same records as this thread', async () => {
    const options = { workers: 2, secret: SECRET, chunkRows: 50, window: 2 };
    const fromWorkers = await allWeeks(workerRowSource(demo, snapshot(), options));
    const cipher = createCipher({ secret: SECRET });
    const here = await allWeeks(threadRowSource(demo, { refs: snapshotRefs(snapshot()), cipher, chunkRows: 50 }));
    expect(fromWorkers.map((chunk) => [chunk.week, chunk.table, chunk.weekEnd])).toEqual(
      here.map((chunk) => [chunk.week, chunk.table, chunk.weekEnd]),
    );
    expect(externalNos(fromWorkers)).toEqual(externalNos(here));
    expect(externalNos(here)).toHaveLength(2_000);
    const name = COMPLAINT_COLUMNS.indexOf('complainant_name_enc');
    const first = fromWorkers.find((chunk) => chunk.table === 'complaint')?.rows[0]?.[name];
    expect(cipher.decrypt(String(first))).toMatch(/\p{Script=Han}/u);
  });

  it('pass a worker’s failure on to the writer', async () => {
    const broken = { ...snapshot(), categories: [] };
    const source = workerRowSource(demo, broken, { workers: 1, secret: SECRET, chunkRows: 50, window: 2 });
    await expect(allWeeks(source)).rejects.toThrow(/category .* is not among the codes/);
  });
});
