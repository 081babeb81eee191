import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../auth/index.js';
import { isAppError } from '../core/errors.js';
import { expectInvalid } from '../core/testing.js';
import type { Db } from '../store/database.js';
import { testDatabases, useTestStore } from '../store/testing.js';
import { createComplaint, getComplaint, listComplaints } from './complaint.service.js';
import { makeComplaintInput, recordDeps, seedRecordWorld, testActor, world } from './record.testing.js';

/*
 * Unmasking a complainant: only with pii:read where the complaint lies, only when asked with a reason, and each
 * such read audited with its reason (and nothing personal). Lists always mask.
 */

const piiReads = (db: Db) =>
  db.selectFrom('audit_log').selectAll().where('action', '=', 'complaint.pii_read').orderBy('seq').execute();

describe.each(testDatabases)('revealing a complainant on %s', (dialect) => {
  const t = useTestStore(dialect);
  const actors: Record<string, Actor> = {};
  const deps = (who: string) => recordDeps(t.db, actors[who]);
  let id = 0;
  let elsewhere = 0;

  beforeAll(async () => {
    await seedRecordWorld(t.db);
    id = (await createComplaint(recordDeps(t.db), makeComplaintInput({ departmentCode: 'labour' }))).id;
    elsewhere = (await createComplaint(recordDeps(t.db), makeComplaintInput({ departmentCode: 'market' }))).id;
    actors.analyst = await testActor(t.db, 'analyst', [{ role: 'analyst', kind: 'town', code: world.town }]);
    actors.leader = await testActor(t.db, 'leader', [{ role: 'leader', kind: 'town', code: world.town }]);
    actors.secretary = await testActor(t.db, 'secretary', [
      { role: 'village_secretary', kind: 'village', code: world.village },
    ]);
    actors.labour = await testActor(t.db, 'labour', [
      { role: 'department_staff', kind: 'department', code: `${world.town}/labour` },
    ]);
    // Reads the whole town, but may unmask only what is dispatched to labour.
    actors.mixed = await testActor(t.db, 'mixed', [
      { role: 'leader', kind: 'town', code: world.town },
      { role: 'officer', kind: 'department', code: `${world.town}/labour` },
    ]);
    actors.otherAnalyst = await testActor(t.db, 'other', [{ role: 'analyst', kind: 'town', code: world.otherTown }]);
  });

  it('masks the phone and ID numbers the text carries, unless revealed', async () => {
    const content = '来电人反映噪声扰民，回电 138 1234 5678 或 0579-85551234，身份证 330782199001011234。';
    const { id: noisy } = await createComplaint(
      recordDeps(t.db),
      makeComplaintInput({ content, departmentCode: 'labour' }),
    );
    const masked = await getComplaint(deps('analyst'), noisy);
    expect(masked.content).not.toMatch(/1234 5678|85551234|199001011234/);
    expect(masked.content).toContain('来电人反映噪声扰民');
    const listed = await listComplaints(deps('leader'), { limit: 100 });
    expect(listed.items.find((item) => item.id === noisy)?.content).toBe(masked.content);
    const revealed = await getComplaint(deps('analyst'), noisy, { reveal: 'true', reason: '回访核实' });
    expect(revealed.content).toBe(content);
  });

  it('masks unless asked, and unmasks for pii:read with a reason, leaving one audit entry', async () => {
    expect((await getComplaint(deps('analyst'), id)).complainant).toEqual({
      name: '张*',
      phone: '138****5678',
      masked: true,
    });
    const before = (await piiReads(t.db)).length;
    const reason = '回访核实办理情况，联系 13812345678';
    const revealed = await getComplaint(deps('analyst'), id, { reveal: 'true', reason });
    expect(revealed.complainant).toEqual({ name: '张三', phone: '13812345678', masked: false });
    const entries = await piiReads(t.db);
    expect(entries.length).toBe(before + 1);
    const entry = entries.at(-1);
    expect(entry).toMatchObject({
      actor_name: 'analyst',
      entity: 'complaint',
      entity_id: String(id),
      before: null,
      after: null,
      reason: '回访核实办理情况，联系 138****5678',
    });
    expect(JSON.stringify(entry)).not.toContain('张三');
    // A reason is not a reveal.
    expect((await getComplaint(deps('analyst'), id, { reason })).complainant.masked).toBe(true);
    expect((await piiReads(t.db)).length).toBe(before + 1);
  });

  it('wants a reason of 4 to 200 characters with reveal=true', async () => {
    await expectInvalid(getComplaint(deps('analyst'), id, { reveal: true }), 'reason');
    await expectInvalid(getComplaint(deps('analyst'), id, { reveal: 'true', reason: ' ab ' }), 'reason');
    await expectInvalid(getComplaint(deps('analyst'), id, { reveal: true, reason: 'x'.repeat(201) }), 'reason');
    await expectInvalid(getComplaint(deps('analyst'), id, { reveal: 'maybe', reason: 'abcd' }), 'reveal');
  });

  it('refuses to unmask without pii:read where the complaint lies, and audits nothing then', async () => {
    const before = (await piiReads(t.db)).length;
    const ask = { reveal: true, reason: '核实投诉人身份' };
    for (const who of ['leader', 'secretary']) {
      await expect(getComplaint(deps(who), id, ask)).rejects.toMatchObject({ code: 'forbidden' });
    }
    await expect(getComplaint(deps('mixed'), elsewhere, ask)).rejects.toMatchObject({ code: 'forbidden' });
    expect((await getComplaint(deps('mixed'), id, ask)).complainant.masked).toBe(false);
    // Beyond the reader's records:read the complaint is not there at all.
    await expect(getComplaint(deps('labour'), elsewhere, ask)).rejects.toMatchObject({ code: 'not_found' });
    await expect(getComplaint(deps('otherAnalyst'), id, ask)).rejects.toMatchObject({ code: 'not_found' });
    expect((await piiReads(t.db)).length).toBe(before + 1);
  });

  it('always masks lists, whoever reads them', async () => {
    const page = await listComplaints(deps('analyst'), { limit: 10 });
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((item) => item.complainant.masked && item.complainant.phone === '138****5678')).toBe(true);
  });

  it('answers any reveal query with the complaint or an error naming reveal or reason (fuzz)', async () => {
    const text = fc.oneof(fc.string({ maxLength: 300 }), fc.constantFrom('true', 'false', '1', '0', 'yes', ''));
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          reveal: fc.option(fc.oneof(text, fc.boolean()), { nil: undefined }),
          reason: fc.option(text, { nil: undefined }),
        }),
        async (query) => {
          try {
            const complaint = await getComplaint(deps('analyst'), id, query);
            expect(complaint.id).toBe(id);
          } catch (error) {
            expect(isAppError(error) && error.code === 'invalid_input', String(error)).toBe(true);
            const paths = (isAppError(error) ? (error.details?.issues ?? []) : []).map((issue) => issue.path);
            expect(paths.length).toBeGreaterThan(0);
            expect(paths.every((path) => path === 'reveal' || path === 'reason')).toBe(true);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
