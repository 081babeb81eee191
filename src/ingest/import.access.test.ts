import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Actor, systemActor } from '../auth/index.js';
import { updateCube } from '../cube/index.js';
import { seedRecordWorld, testActor, testCipher, world } from '../records/record.testing.js';
import { multipartBody, useTestApp } from '../server/testing.js';
import { testDatabases, useTestStore } from '../store/testing.js';
import { runImport } from './import.service.js';
import { getBatch, listBatchPage, listIssuePage } from './imports.service.js';

/*
 * Imports within scope: imports:write must cover the town an import names (an import naming none is for everything),
 * rows of other towns in the file are rejected one by one; batches are read within imports:read by their town; the
 * start and finish of each import are audited. Rejected cells of personal data are stored masked.
 */

const dir = mkdtempSync(join(tmpdir(), 'shanzhi-import-access-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
function csv(lines: string[]): string {
  files += 1;
  const path = join(dir, `f${files}.csv`);
  writeFileSync(path, ['externalNo,openedAt,content,townCode,placeCode,complainantPhone', ...lines].join('\r\n'));
  return path;
}

describe.each(testDatabases)('imports within scope on %s', (dialect) => {
  const t = useTestStore(dialect);
  const actors: Record<string, Actor> = {};
  const deps = (who: string) => ({
    db: t.db,
    cipher: testCipher,
    dataDir: dir,
    afterWrite: updateCube,
    actor: actors[who] ?? systemActor('test'),
  });
  const batches = async () =>
    Number(
      (
        await t.db
          .selectFrom('import_batch')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  let townBatch = 0;
  let systemBatch = 0;

  beforeAll(async () => {
    await seedRecordWorld(t.db);
    actors.analyst = await testActor(t.db, 'analyst', [{ role: 'analyst', kind: 'town', code: world.town }]);
    actors.leader = await testActor(t.db, 'leader', [{ role: 'leader', kind: 'town', code: world.otherTown }]);
    actors.townLeader = await testActor(t.db, 'town-leader', [{ role: 'leader', kind: 'town', code: world.town }]);
    actors.admin = await testActor(t.db, 'admin', [{ role: 'admin', kind: 'all' }]);
  });

  it('imports the writer’s town and rejects the rows of another town in the file', async () => {
    const file = csv([
      `I-1,2025-06-03 09:00,占道经营,${world.town},苏华村,13812345678`,
      `I-2,2025-06-03 10:00,噪声扰民,${world.otherTown},大陈村,13812345678`,
      `I-3,2025-06-03 11:00,电话不对,${world.town},苏华村,电话13812345678`,
    ]);
    const result = await runImport(deps('analyst'), { file, profile: 'generic-complaints', townCode: world.town });
    expect(result).toMatchObject({ status: 'done', inserted: 1, rejected: 2 });
    expect(result.rejects.map((r) => [r.line, r.column])).toEqual(expect.arrayContaining([[3, 'townCode']]));
    townBatch = result.batchId;
    const stored = await t.db.selectFrom('complaint').select('external_no').execute();
    expect(stored.map((r) => r.external_no)).toEqual(['I-1']);
    // The bad phone is kept masked with its row, never in clear.
    const issues = JSON.stringify(await t.db.selectFrom('import_issue').selectAll().execute());
    expect(issues).not.toContain('13812345678');

    const audit = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'import')
      .where('entity_id', '=', String(townBatch))
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => [a.action, a.actor_name])).toEqual([
      ['import.start', 'analyst'],
      ['import.finish', 'analyst'],
    ]);
    expect(JSON.parse(audit[0]?.after ?? '{}')).toMatchObject({
      fileName: basename(file),
      fileSha256: createHash('sha256').update(readFileSync(file)).digest('hex'),
    });
    expect(JSON.parse(audit[1]?.after ?? '{}')).toMatchObject({ status: 'done', inserted: 1, rejected: 2, rows: 3 });
    expect(Number(audit[0]?.town_id)).toBeGreaterThan(0);
  });

  it('refuses an import of another town, or of no town, before storing anything', async () => {
    const file = csv([`J-1,2025-06-03 09:00,占道经营,${world.town},苏华村,`]);
    const before = await batches();
    for (const townCode of [world.otherTown, undefined]) {
      await expect(runImport(deps('analyst'), { file, profile: 'generic-complaints', townCode })).rejects.toMatchObject(
        {
          code: 'forbidden',
        },
      );
    }
    await expect(
      runImport(deps('leader'), { file, profile: 'generic-complaints', townCode: world.otherTown }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    expect(await batches()).toBe(before);
    systemBatch = (await runImport(deps('system'), { file, profile: 'generic-complaints' })).batchId;
    expect(await batches()).toBe(before + 1);
  });

  it('shows batches within imports:read by their town; a batch of no town only to everything', async () => {
    const ids = async (who: string) => (await listBatchPage(deps(who), {})).items.map((b) => b.id);
    expect(await ids('townLeader')).toEqual([townBatch]);
    expect(await ids('leader')).toEqual([]);
    expect(await ids('admin')).toEqual([systemBatch, townBatch]);
    await expect(getBatch(deps('leader'), townBatch)).rejects.toMatchObject({ code: 'not_found' });
    await expect(listIssuePage(deps('leader'), townBatch, {})).rejects.toMatchObject({ code: 'not_found' });
    await expect(getBatch(deps('townLeader'), systemBatch)).rejects.toMatchObject({ code: 'not_found' });
    expect((await listIssuePage(deps('townLeader'), townBatch, {})).items.length).toBe(2);
  });
});

describe.each(testDatabases)('/api/imports by role on %s', (dialect) => {
  const t = useTestApp(dialect);
  const headers: Record<string, Record<string, string>> = {};
  beforeAll(async () => {
    await seedRecordWorld(t.db);
    headers.analyst = await t.signIn('analyst', [{ role: 'analyst', kind: 'town', code: world.town }]);
    headers.leader = await t.signIn('leader', [{ role: 'leader', kind: 'town', code: world.otherTown }]);
  });
  const upload = (who: string, town?: string) => {
    const content = Buffer.from(`externalNo,openedAt,content\r\nH-1,2025-06-03 09:00,占道经营\r\n`);
    const fields: [string, string][] = [
      ['profile', 'generic-complaints'],
      ...(town ? [['town', town] as [string, string]] : []),
    ];
    const body = multipartBody(fields, [{ field: 'file', filename: 'a.csv', type: 'text/csv', content }]);
    return t.app.inject({
      method: 'POST',
      url: '/api/imports',
      payload: body.payload,
      headers: { ...headers[who], ...body.headers },
    });
  };

  it('takes an upload for the writer’s town only, and shows it to that town’s readers only', async () => {
    expect((await upload('analyst', world.otherTown)).statusCode).toBe(403);
    expect((await upload('analyst')).statusCode).toBe(403);
    const started = await upload('analyst', world.town);
    expect(started.statusCode, started.body).toBe(202);
    const id = started.json().id;
    expect((await t.app.inject({ url: `/api/imports/${id}`, headers: headers.leader })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/imports/${id}/rejects.csv`, headers: headers.leader })).statusCode).toBe(
      404,
    );
    expect((await t.app.inject({ url: '/api/imports', headers: headers.leader })).json().items).toEqual([]);
    expect((await t.app.inject({ url: `/api/imports/${id}`, headers: headers.analyst })).statusCode).toBe(200);
  });
});
