import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../auth/index.js';
import { allCells } from '../cube/cube.testing.js';
import { readCubeStates, rebuildCube, updateCube } from '../cube/index.js';
import { DEMO_FILE_NAMES, writeDemoFiles } from '../demo/export/index.js';
import { createDemo } from '../demo/index.js';
import { writeDemoReferenceData, writeDemoTown } from '../demo/store-writer.js';
import { testCipher } from '../records/record.testing.js';
import { TEST_SECRET } from '../server/testing.js';
import type { Db } from '../store/database.js';
import { openTestStore, testDatabases, useTestStore } from '../store/testing.js';
import { runImport } from './import.service.js';

/*
 * The import pipeline end to end on the demo town's own export files: what intake stores from the files equals what
 * the demo writer stores directly, a second import changes nothing, a changed row is updated with its history, and bad
 * rows are kept with their line, column and reason.
 */

const demo = createDemo({ seed: 'intake', records: 600 });
const dir = mkdtempSync(join(tmpdir(), 'shanzhi-import-'));
beforeAll(async () => {
  await writeDemoFiles(demo, dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const workOrders = () => join(dir, DEMO_FILE_NAMES.workOrders);
const ledger = () => join(dir, DEMO_FILE_NAMES.ledger);
const town = demo.map.town.code;

/**
 * The records of a store as comparable objects: no ids or our timestamps, personal data decrypted, links by number,
 * instants to the precision the file writes (`unitMs`: the XLSX to the second, the ledger to the minute; the handling
 * times follow from them).
 */
async function snapshot(db: Db, table: 'complaint' | 'enforcement_case', unitMs: number) {
  const rows = await db
    .selectFrom(table as 'complaint')
    .selectAll()
    .orderBy('external_no')
    .execute();
  const complaintNos = new Map(
    (await db.selectFrom('complaint').select(['id', 'external_no']).execute()).map((r) => [r.id, r.external_no]),
  );
  const truncate = (ms: number | null) => (ms === null ? ms : Math.floor(ms / unitMs) * unitMs);
  return rows.map((row) => {
    const { id, created_at, updated_at, complainant_name_enc, complainant_phone_enc, ...rest } = row;
    const out: Record<string, unknown> = { ...rest };
    if (table === 'complaint') {
      out.complainant_name = complainant_name_enc === null ? null : testCipher.decrypt(complainant_name_enc);
      out.complainant_phone = complainant_phone_enc === null ? null : testCipher.decrypt(complainant_phone_enc);
    } else {
      const link = (row as unknown as { complaint_id: number | null }).complaint_id;
      out.complaint_id = link === null ? null : complaintNos.get(link);
    }
    for (const column of ['opened_at', 'deadline_at', 'first_response_at', 'closed_at'] as const) {
      out[column] = truncate(row[column]);
    }
    out.handling_ms = undefined;
    out.handling_work_ms = undefined;
    return out;
  });
}

describe.each(testDatabases)('import on %s', (dialect) => {
  const t = useTestStore(dialect);
  const deps = () => ({
    db: t.db,
    cipher: testCipher,
    dataDir: dir,
    afterWrite: updateCube,
    actor: systemActor('test'),
  });

  it('stores from the demo export files what the demo writer stores directly', async () => {
    const direct = await openTestStore(dialect);
    try {
      await writeDemoTown({ db: direct.store.db, cipher: testCipher, secret: TEST_SECRET }, demo);
      // The reference data only (places, enterprises, departments) into the store intake fills.
      await writeDemoReferenceData(t.db, demo);

      // Small batches: several transactions, each of several batches (the cube test below checks what they kept).
      const complaints = await runImport(deps(), {
        file: workOrders(),
        profile: '12345-work-orders',
        townCode: town,
        batchSize: 40,
      });
      const expectedComplaints = await direct.store.db
        .selectFrom('complaint')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(complaints).toMatchObject({
        status: 'done',
        rejected: 0,
        inserted: Number(expectedComplaints.n),
        updated: 0,
      });
      expect(await snapshot(t.db, 'complaint', 1000)).toEqual(await snapshot(direct.store.db, 'complaint', 1000));

      const cases = await runImport(deps(), { file: ledger(), profile: 'case-ledger' });
      expect(cases).toMatchObject({ status: 'done', rejected: 0, warned: 0, updated: 0 });
      expect(await snapshot(t.db, 'enforcement_case', 60_000)).toEqual(
        await snapshot(direct.store.db, 'enforcement_case', 60_000),
      );
    } finally {
      await direct.cleanup();
    }
  });

  it('changes nothing when the same file is imported again', async () => {
    const again = await runImport(deps(), { file: workOrders(), profile: '12345-work-orders', townCode: town });
    expect(again).toMatchObject({ status: 'done', inserted: 0, updated: 0, rejected: 0 });
    expect(again.unchanged).toBe(again.rows);
    const changes = await t.db.selectFrom('record_change').selectAll().execute();
    expect(changes).toEqual([]);
  });

  it('updates a changed row, keeps the history of its fields, and lists bad rows with line, column and reason', async () => {
    const [first] = await t.db.selectFrom('complaint').selectAll().orderBy('external_no').limit(1).execute();
    if (!first) {
      throw new Error('no complaint stored');
    }
    const header = 'externalNo,openedAt,content,categoryCode,placeCode,status,closedAt,complainantPhone\r\n';
    const lines = [
      // line 2: the stored complaint, its content and phone changed
      `${first.external_no},2025-06-03 09:05:00,改过的内容,,,received,,13800000000`,
      // line 3: a date that is no date
      'NEW-1,2025-02-30 10:00,内容,,,,,',
      // line 4: closed without closedAt (a rule of the records)
      'NEW-2,2025-06-03 10:00,内容,,,closed,,',
      // line 5: an unknown category and place: kept, with warnings
      'NEW-3,2025-06-03 10:00,内容,no.such.category,不存在村,,,',
      // line 6: a status word the profile does not know
      'NEW-4,2025-06-03 10:00,内容,,,done,,',
    ];
    const file = join(dir, 'changes.csv');
    writeFileSync(file, header + lines.join('\r\n'));
    const result = await runImport(deps(), {
      file,
      profile: 'generic-complaints',
      townCode: town,
      sourceSystem: first.source_system,
    });
    expect(result).toMatchObject({ rows: 5, updated: 1, inserted: 1, rejected: 3, warned: 1 });
    expect(result.rejects.map((r) => [r.line, r.column])).toEqual([
      [3, 'openedAt'],
      [4, 'closedAt'],
      [6, 'status'],
    ]);
    expect(result.rejects[0]?.reason).toContain('2025-02-30');
    expect(result.rejects[2]?.reason).toContain('received');
    expect(result.warnings.map((w) => [w.line, w.column])).toEqual([
      [5, 'placeCode'],
      [5, 'categoryCode'],
    ]);

    const [change] = await t.db.selectFrom('record_change').selectAll().where('record_id', '=', first.id).execute();
    const logged = JSON.parse(change?.changes ?? '{}');
    expect(logged.content).toEqual({ from: first.content, to: '改过的内容' });
    // Personal data: that it changed, never the values.
    expect(logged.complainant_phone).toEqual({ changed: true });
    expect(JSON.stringify(logged)).not.toContain('13800000000');
    const stored = await t.db
      .selectFrom('complaint')
      .selectAll()
      .where('external_no', '=', 'NEW-3')
      .executeTakeFirstOrThrow();
    expect(stored.place_id).toBeNull();
    const issues = await t.db.selectFrom('import_issue').selectAll().where('batch_id', '=', result.batchId).execute();
    expect(issues).toHaveLength(5);
  });

  it('keeps the cube, across its transactions of several batches, equal to one rebuilt from the records', async () => {
    const cells = () => allCells(t.db);
    const kept = await cells();
    expect(kept.filter((c) => Number(c.cuboid) === 1).reduce((n, c) => n + Number(c.records), 0)).toBeGreaterThan(0);
    for (const state of await readCubeStates(t.db)) {
      await rebuildCube(t.db, { now: state.asOf, townId: state.townId });
    }
    expect(await cells()).toEqual(kept);
  });

  it('writes nothing on a dry run or when --strict meets a bad row', async () => {
    const count = async () =>
      Number(
        (
          await t.db
            .selectFrom('complaint')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const file = join(dir, 'strict.csv');
    writeFileSync(
      file,
      'externalNo,openedAt,content\r\nS-1,2025-06-03 10:00,好\r\nS-2,not a date,坏\r\nS-3,2025-06-03 10:00,好\r\n',
    );
    const dry = await runImport(deps(), { file, profile: 'generic-complaints', townCode: town, dryRun: true });
    expect(dry).toMatchObject({ status: 'done', inserted: 2, rejected: 1, dryRun: true });
    expect(await count()).toBe(before);

    const strict = await runImport(deps(), { file, profile: 'generic-complaints', townCode: town, strict: true });
    expect(strict).toMatchObject({ status: 'failed', inserted: 0 });
    expect(strict.error).toContain('line 3');
    expect(await count()).toBe(before);
    const batch = await t.db
      .selectFrom('import_batch')
      .selectAll()
      .where('id', '=', strict.batchId)
      .executeTakeFirstOrThrow();
    expect(batch).toMatchObject({ status: 'failed', strict: 1 });
  });

  it('leaves the fields a file does not carry as they are stored', async () => {
    const full = join(dir, 'full.csv');
    writeFileSync(
      full,
      'externalNo,openedAt,content,closedAt,complainantPhone,lat,lng\r\nK-1,2025-06-03 09:00,全,2025-06-04 09:00,13900000000,29.3,120.1\r\n',
    );
    await runImport(deps(), { file: full, profile: 'generic-complaints', townCode: town });
    const thin = join(dir, 'thin.csv');
    writeFileSync(thin, 'externalNo,openedAt,content\r\nK-1,2025-06-03 09:00,只有内容\r\n');
    const result = await runImport(deps(), { file: thin, profile: 'generic-complaints', townCode: town });
    expect(result).toMatchObject({ updated: 1 });
    const row = await t.db
      .selectFrom('complaint')
      .selectAll()
      .where('external_no', '=', 'K-1')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ content: '只有内容', status: 'closed', lat: 29.3, lng: 120.1 });
    expect(row.closed_at).not.toBeNull();
    expect(testCipher.decrypt(row.complainant_phone_enc ?? '')).toBe('13900000000');
  });

  it('refuses a file without the key columns, naming them', async () => {
    const file = join(dir, 'nokey.csv');
    writeFileSync(file, '内容,时间\r\n好,2025-06-03\r\n');
    await expect(runImport(deps(), { file, profile: 'generic-complaints', townCode: town })).rejects.toMatchObject({
      code: 'invalid_input',
      details: { issues: [{ path: 'header' }] },
    });
  });
});
