import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../auth/index.js';
import type { Db } from '../store/database.js';
import { testDatabases, useTestStore } from '../store/testing.js';
import { upsertCase } from './case.service.js';
import { upsertComplaint, upsertComplaints } from './complaint.service.js';
import { PERSONAL_DATA } from './record.audit.js';
import { makeCaseInput, makeComplaintInput, recordDeps, seedRecordWorld, testActor, world } from './record.testing.js';

/*
 * Writes within scope and their audit: a writer reaches the towns its records:write covers, or (department staff)
 * the records dispatched to its department, and may not move a record out of that; each insert or update leaves an
 * audit entry of the fields written or changed, personal data only as "[personal data]".
 */

async function auditRows(db: Db, action?: string) {
  let query = db.selectFrom('audit_log').selectAll().orderBy('seq');
  if (action) {
    query = query.where('action', '=', action);
  }
  return query.execute();
}

describe.each(testDatabases)('record writes within scope on %s', (dialect) => {
  const t = useTestStore(dialect);
  const actors: Record<string, Actor> = {};
  const deps = (who: string) => recordDeps(t.db, actors[who]);

  beforeAll(async () => {
    await seedRecordWorld(t.db);
    actors.labour = await testActor(t.db, 'labour-staff', [
      { role: 'department_staff', kind: 'department', code: `${world.town}/labour` },
    ]);
    actors.analyst = await testActor(t.db, 'analyst', [{ role: 'analyst', kind: 'town', code: world.town }]);
    actors.secretary = await testActor(t.db, 'secretary', [
      { role: 'village_secretary', kind: 'village', code: world.village },
    ]);
  });

  it('lets department staff write what is dispatched to their department, and nothing else', async () => {
    const mine = makeComplaintInput({ departmentCode: 'labour' });
    expect((await upsertComplaint(deps('labour'), mine)).outcome).toBe('inserted');
    for (const departmentCode of ['market', undefined]) {
      await expect(upsertComplaint(deps('labour'), makeComplaintInput({ departmentCode }))).rejects.toMatchObject({
        code: 'forbidden',
      });
    }
    // Moving its own record to another department would take it out of reach: refused, nothing changed.
    await expect(upsertComplaint(deps('labour'), { ...mine, departmentCode: 'market' })).rejects.toMatchObject({
      code: 'forbidden',
    });
    const stored = await t.db
      .selectFrom('complaint')
      .innerJoin('department', 'department.id', 'complaint.department_id')
      .select('department.code')
      .where('external_no', '=', mine.externalNo)
      .executeTakeFirstOrThrow();
    expect(stored.code).toBe('labour');
  });

  it('keeps a town’s writer to its town, as written and as stored', async () => {
    await expect(
      upsertComplaint(deps('analyst'), makeComplaintInput({ townCode: world.otherTown, placeCode: undefined })),
    ).rejects.toMatchObject({ code: 'forbidden' });
    // A record of the other town, rewritten as this town's under the same key: the stored one is beyond reach.
    const theirs = makeComplaintInput({ townCode: world.otherTown, placeCode: world.otherTownVillage });
    await upsertComplaint(recordDeps(t.db), theirs);
    const moved = { ...theirs, townCode: world.town, placeCode: world.village };
    await expect(upsertComplaint(deps('analyst'), moved)).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(upsertComplaint(deps('secretary'), makeComplaintInput())).rejects.toMatchObject({
      code: 'forbidden',
    });
    expect((await upsertCase(deps('analyst'), makeCaseInput())).outcome).toBe('inserted');
  });

  it('rejects the forbidden items of a batch and writes the others', async () => {
    const before = (await auditRows(t.db, 'complaint.create')).length;
    const result = await upsertComplaints(deps('labour'), {
      items: [
        makeComplaintInput({ departmentCode: 'labour' }),
        makeComplaintInput({ departmentCode: 'market' }),
        { ...makeComplaintInput(), openedAt: 'yesterday' },
        makeComplaintInput({ townCode: world.otherTown, placeCode: undefined, departmentCode: 'labour' }),
      ],
    });
    expect(result.counts).toEqual({ inserted: 1, updated: 0, unchanged: 0, rejected: 3 });
    expect(result.results.map((r) => r.code ?? r.outcome)).toEqual([
      'inserted',
      'forbidden',
      'invalid_input',
      'forbidden',
    ]);
    expect(result.results[1]?.errors?.[0]?.path).toBe('items.1');
    expect((await auditRows(t.db, 'complaint.create')).length).toBe(before + 1);
  });

  it('audits creates and updates with the fields written or changed, personal data masked', async () => {
    const input = makeComplaintInput({ departmentCode: 'labour', complainantPhone: '13900001111' });
    const created = await upsertComplaint(deps('analyst'), input);
    const [create] = (await auditRows(t.db, 'complaint.create')).filter(
      (r) => r.entity_id === String(created.record.id),
    );
    expect(create).toMatchObject({ actor_kind: 'user', actor_name: 'analyst', entity: 'complaint', before: null });
    expect(Number(create?.town_id)).toBeGreaterThan(0);
    const after = JSON.parse(create?.after ?? '{}');
    expect(after).toMatchObject({
      external_no: input.externalNo,
      status: 'dispatched',
      complainant_name: PERSONAL_DATA,
      complainant_phone: PERSONAL_DATA,
    });
    expect(after).not.toHaveProperty('complainant_phone_hash');

    await upsertComplaint(deps('analyst'), { ...input, complainantPhone: '13900002222', status: 'in_progress' });
    const [update] = (await auditRows(t.db, 'complaint.update')).filter(
      (r) => r.entity_id === String(created.record.id),
    );
    expect(JSON.parse(update?.before ?? '{}')).toEqual({ status: 'dispatched', complainant_phone: PERSONAL_DATA });
    expect(JSON.parse(update?.after ?? '{}')).toEqual({ status: 'in_progress', complainant_phone: PERSONAL_DATA });

    // The same again changes nothing and leaves no entry.
    const count = (await auditRows(t.db)).length;
    await upsertComplaint(deps('analyst'), { ...input, complainantPhone: '13900002222', status: 'in_progress' });
    expect((await auditRows(t.db)).length).toBe(count);

    const kase = await upsertCase(deps('analyst'), makeCaseInput({ partyName: '某某公司' }));
    await upsertCase(deps('analyst'), makeCaseInput({ externalNo: kase.record.externalNo, difficult: true }));
    const caseEntries = (await auditRows(t.db)).filter(
      (r) => r.entity === 'case' && r.entity_id === String(kase.record.id),
    );
    expect(caseEntries.map((r) => r.action)).toEqual(['case.create', 'case.update']);
    expect(JSON.parse(caseEntries[0]?.after ?? '{}')).toMatchObject({ party_name: PERSONAL_DATA });
    expect(JSON.parse(caseEntries[1]?.after ?? '{}')).toMatchObject({ difficult: 1 });
    expect(JSON.stringify(caseEntries)).not.toContain('某某公司');
  });

  it('keeps personal data out of the audit log and the records’ history, in clear and as ciphertext', async () => {
    const input = makeComplaintInput({ complainantName: '李四', complainantPhone: '13911112222' });
    await upsertComplaint(deps('analyst'), input);
    await upsertComplaint(deps('analyst'), { ...input, complainantName: '王五', complainantPhone: '13933334444' });
    const audit = JSON.stringify(await auditRows(t.db));
    const history = JSON.stringify(await t.db.selectFrom('record_change').selectAll().execute());
    for (const text of [audit, history]) {
      for (const secret of ['李四', '王五', '13911112222', '13933334444', '张三', '13812345678']) {
        expect(text).not.toContain(secret);
      }
      // core/pii tokens start with their version.
      expect(text).not.toMatch(/v1\.[A-Za-z0-9_-]+\./);
    }
  });
});
