import { availableParallelism } from 'node:os';
import { systemActor } from '../auth/index.js';
import { conflict } from '../core/errors.js';
import { type Cipher, createCipher } from '../core/pii/index.js';
import { createEnterprise } from '../enterprises/index.js';
import { seedDefaultDepartments } from '../orgs/index.js';
import { createPlace, findPlaces } from '../places/index.js';
import { createRefResolver } from '../records/index.js';
import { type BulkTarget, bulkInsert, withIndexesDeferred } from '../store/bulk.js';
import type { Db } from '../store/database.js';
import { inTransaction } from '../store/transaction.js';
import { ensureDefaultTaxonomy } from '../taxonomy/index.js';
import type { Demo } from './demo.js';
import { loadRefSnapshot, type RefSnapshot, snapshotRefs } from './writer/refs.js';
import {
  CASE_COLUMNS,
  CASE_COMPLAINT_ID,
  COMPLAINT_COLUMNS,
  COMPLAINT_EXTERNAL_NO,
  COMPLAINT_SOURCE_SYSTEM,
  type RowChunk,
} from './writer/rows.js';
import { type RowSource, threadRowSource, workerRowSource } from './writer/source.js';

export interface DemoWriteDeps {
  db: Db;
  cipher: Cipher;
  /**
   * The secret `cipher` was made from. With it, records are generated, built and encrypted on row workers while this
   * thread inserts (the fast path); without it, all on this thread.
   */
  secret?: string;
}

export interface DemoProgress {
  /** Records written so far, and the total to write. */
  done: number;
  total: number;
}

export interface DemoWriteResult {
  town: string;
  places: number;
  enterprises: number;
  complaints: number;
  cases: number;
}

/** Rows per chunk handed from a row worker to the writer, and chunks a worker may run ahead. */
const CHUNK_ROWS = 2_000;
const WORKER_WINDOW = 4;

const COMPLAINTS: BulkTarget<'complaint'> = {
  table: 'complaint',
  columns: COMPLAINT_COLUMNS,
  uniqueKey: ['source_system', 'external_no'],
};
const CASES: BulkTarget<'enforcement_case'> = {
  table: 'enforcement_case',
  columns: CASE_COLUMNS,
  uniqueKey: ['source_system', 'external_no'],
};

/**
 * Write a demo town into an empty store: its places, the default taxonomy and departments, its enterprises, then five
 * years of records, one week per transaction (complaints before the cases referred from them). The fast path of
 * `shanzhi demo`: codes resolve once per run, rows are built by the records' row builders (on row workers when the
 * secret is given) and go in through store/bulk.ts, with the record tables' secondary indexes built once at the end
 * when the tables start empty. Refuses a store that already holds the town.
 */
export async function writeDemoTown(
  deps: DemoWriteDeps,
  demo: Demo,
  onProgress: (progress: DemoProgress) => void = () => {},
): Promise<DemoWriteResult> {
  checkSecret(deps);
  const places = await writeDemoReferenceData(deps.db, demo);
  const snapshot = await loadRefSnapshot(deps.db, demo, createRefResolver());
  const source = openRowSource(deps, demo, snapshot);
  try {
    const written = await withIndexesDeferred(deps.db, ['complaint', 'enforcement_case'], () =>
      writeRecords(deps.db, demo, source, onProgress),
    );
    return { town: demo.map.town.code, places, enterprises: demo.enterprises.length, ...written };
  } finally {
    await source.close();
  }
}

function checkSecret(deps: DemoWriteDeps): void {
  if (deps.secret !== undefined && createCipher({ secret: deps.secret }).keyId !== deps.cipher.keyId) {
    throw new TypeError('writeDemoTown: the secret is not the one the cipher was made from');
  }
}

function openRowSource(deps: DemoWriteDeps, demo: Demo, snapshot: RefSnapshot): RowSource {
  if (deps.secret === undefined) {
    return threadRowSource(demo, { refs: snapshotRefs(snapshot), cipher: deps.cipher, chunkRows: CHUNK_ROWS });
  }
  return workerRowSource(demo, snapshot, {
    workers: Math.max(1, Math.min(3, availableParallelism() - 1)),
    secret: deps.secret,
    chunkRows: CHUNK_ROWS,
    window: WORKER_WINDOW,
  });
}

/** The records, week by week, each week in one transaction; progress after each commit. */
async function writeRecords(
  db: Db,
  demo: Demo,
  source: RowSource,
  onProgress: (progress: DemoProgress) => void,
): Promise<{ complaints: number; cases: number }> {
  const total = demo.options.records;
  let complaints = 0;
  let cases = 0;
  for (const week of demo.calendar.weeks.keys()) {
    const counts = await inTransaction(db, (trx) => writeWeek(trx, source.week(week)));
    complaints += counts.complaints;
    cases += counts.cases;
    onProgress({ done: complaints + cases, total });
  }
  return { complaints, cases };
}

/** One week's chunks: complaints first, whose ids then fill in the complaint_id of the cases referred from them. */
async function writeWeek(db: Db, chunks: AsyncIterable<RowChunk>): Promise<{ complaints: number; cases: number }> {
  const complaintIds = new Map<string, number>();
  const counts = { complaints: 0, cases: 0 };
  for await (const chunk of chunks) {
    if (chunk.table === 'complaint') {
      const ids = await bulkInsert(db, COMPLAINTS, chunk.rows);
      for (const [i, row] of chunk.rows.entries()) {
        const externalNo = row[COMPLAINT_EXTERNAL_NO] as string;
        // A complaint skipped as already stored (another town's, by the same number) keeps the stored one's id.
        const id = ids[i] ?? (await storedComplaintId(db, row[COMPLAINT_SOURCE_SYSTEM] as string, externalNo));
        if (id !== undefined) {
          complaintIds.set(externalNo, id);
        }
      }
      counts.complaints += chunk.rows.length;
    } else {
      for (const [i, complaintNo] of chunk.complaintNos.entries()) {
        const row = chunk.rows[i];
        if (row && complaintNo !== null) {
          row[CASE_COMPLAINT_ID] = complaintIds.get(complaintNo) ?? null;
        }
      }
      await bulkInsert(db, CASES, chunk.rows);
      counts.cases += chunk.rows.length;
    }
  }
  return counts;
}

async function storedComplaintId(db: Db, sourceSystem: string, externalNo: string): Promise<number | undefined> {
  const row = await db
    .selectFrom('complaint')
    .select('id')
    .where('source_system', '=', sourceSystem)
    .where('external_no', '=', externalNo)
    .executeTakeFirst();
  return row?.id;
}

/**
 * The demo town's reference data in one transaction: its places, the default taxonomy and departments, its
 * enterprises. Returns the number of places written; refuses a store that already holds the town. Audited as written
 * by `actor` (the command line's by default).
 */
export async function writeDemoReferenceData(db: Db, demo: Demo, actor = systemActor('cli')): Promise<number> {
  const { map } = demo;
  return inTransaction(db, async (trx) => {
    const deps = { db: trx, actor };
    if ((await findPlaces(deps, { level: 'town' })).some((town) => town.code === map.town.code)) {
      throw conflict(`the database already holds the demo town ${map.town.name} (${map.town.code})`);
    }
    await ensureDefaultTaxonomy(deps);
    const hasCity = (await findPlaces(deps, { level: 'city' })).some((city) => city.code === map.city.code);
    if (!hasCity) {
      await createPlace(deps, { code: map.city.code, name: map.city.name, nameEn: map.city.nameEn, level: 'city' });
    }
    const { town } = map;
    await createPlace(deps, {
      code: town.code,
      name: town.name,
      nameEn: town.nameEn,
      level: 'town',
      parentCode: map.city.code,
      centroid: town.centroid,
      boundary: town.boundary,
    });
    let count = 1;
    for (const village of map.villages) {
      const { code, name, nameEn, centroid, boundary } = village;
      await createPlace(deps, { code, name, nameEn, level: 'village', parentCode: town.code, centroid, boundary });
      for (const group of village.groups) {
        await createPlace(deps, {
          code: group.code,
          name: group.name,
          nameEn: group.nameEn,
          level: 'group',
          parentCode: village.code,
          centroid: group.centroid,
        });
      }
      count += 1 + village.groups.length;
    }
    await seedDefaultDepartments(deps, town.code);
    for (const enterprise of demo.enterprises) {
      const { creditCode, name, townCode, villageCode, industry, address } = enterprise;
      await createEnterprise(deps, { creditCode, name, townCode, villageCode, industry, address });
    }
    return count + (hasCity ? 0 : 1);
  });
}
