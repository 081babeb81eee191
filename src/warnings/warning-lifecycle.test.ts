import { beforeAll, describe, expect, it } from 'vitest';
import { type Actor, systemActor } from '../auth/index.js';
import { seedRecordWorld, testActor, world } from '../records/record.testing.js';
import type { Db } from '../store/database.js';
import { testDatabases, useTestStore } from '../store/testing.js';
import { getWarning } from './warning.service.js';
import { insertTestWarning } from './warning.testing.js';
import {
  acknowledgeWarning,
  closeWarning,
  dismissWarning,
  rectifyWarning,
  reopenWarning,
  updateRectification,
} from './warning-lifecycle.service.js';

/*
 * The lifecycle: every step from the statuses it starts from, every refused step (409 naming the current status),
 * optimistic concurrency, the history and the audit entries each step leaves, and who may take a step.
 */

async function auditOf(db: Db, id: number) {
  return db
    .selectFrom('audit_log')
    .select(['action', 'actor_name', 'town_id', 'before', 'after', 'reason'])
    .where('entity', '=', 'warning')
    .where('entity_id', '=', String(id))
    .orderBy('seq')
    .execute();
}

const rectification = { owner: '劳动保障所 王五', dueDay: '2025-07-15', actions: '约谈企业负责人，督促补发工资' };

describe.each(testDatabases)('the warning lifecycle on %s', (dialect) => {
  const t = useTestStore(dialect);
  const actors: Record<string, Actor> = {};
  let townId = 0;
  const deps = (who = 'leader') => ({ db: t.db, actor: actors[who] as Actor });

  beforeAll(async () => {
    await seedRecordWorld(t.db);
    townId = Number(
      (await t.db.selectFrom('place').select('id').where('code', '=', world.town).executeTakeFirstOrThrow()).id,
    );
    actors.leader = await testActor(t.db, 'leader', [{ role: 'leader', kind: 'town', code: world.town }]);
    actors.secretary = await testActor(t.db, 'secretary', [
      { role: 'village_secretary', kind: 'village', code: world.village },
    ]);
    actors.otherSecretary = await testActor(t.db, 'secretary2', [
      { role: 'village_secretary', kind: 'village', code: world.otherVillage },
    ]);
    actors.labour = await testActor(t.db, 'labour', [
      { role: 'department_staff', kind: 'department', code: `${world.town}/labour` },
    ]);
    actors.auditor = await testActor(t.db, 'auditor', [{ role: 'auditor', kind: 'town', code: world.town }]);
    actors.system = systemActor('cli');
  });

  it('walks new → acknowledged → rectifying → closed → reopened → dismissed → reopened, with history and audit', async () => {
    const id = await insertTestWarning(t.db);
    const acknowledged = await acknowledgeWarning(deps(), id, { note: '已阅，安排核查', expectedStatus: 'new' });
    expect(acknowledged.status).toBe('acknowledged');

    const rectifying = await rectifyWarning(deps(), id, { ...rectification, expectedStatus: 'acknowledged' });
    expect(rectifying).toMatchObject({ status: 'rectifying', ...rectification });

    const updated = await updateRectification(deps(), id, { dueDay: '2025-07-31', note: '企业申请延期' });
    expect(updated).toMatchObject({ status: 'rectifying', owner: rectification.owner, dueDay: '2025-07-31' });

    const closed = await closeWarning(deps(), id, { result: '已补发工资 42 万元，投诉回落' });
    expect(closed).toMatchObject({ status: 'closed', result: '已补发工资 42 万元，投诉回落' });

    const reopened = await reopenWarning(deps(), id, { note: '本周投诉再次上升' });
    expect(reopened).toMatchObject({ status: 'acknowledged', result: null, owner: rectification.owner });

    const dismissed = await dismissWarning(deps(), id, { reason: '系同一企业重复投诉，已并案' });
    expect(dismissed).toMatchObject({ status: 'dismissed', dismissReason: '系同一企业重复投诉，已并案' });

    const again = await reopenWarning(deps(), id, { note: '并案有误' });
    expect(again).toMatchObject({ status: 'acknowledged', dismissReason: null });

    expect(again.events.map((e) => [e.action, e.fromStatus, e.toStatus, e.note])).toEqual([
      ['detected', null, 'new', null],
      ['acknowledged', 'new', 'acknowledged', '已阅，安排核查'],
      ['rectification_started', 'acknowledged', 'rectifying', null],
      ['rectification_updated', 'rectifying', 'rectifying', '企业申请延期'],
      ['closed', 'rectifying', 'closed', '已补发工资 42 万元，投诉回落'],
      ['reopened', 'closed', 'acknowledged', '本周投诉再次上升'],
      ['dismissed', 'acknowledged', 'dismissed', '系同一企业重复投诉，已并案'],
      ['reopened', 'dismissed', 'acknowledged', '并案有误'],
    ]);
    expect(again.events[1]?.actor).toEqual({ kind: 'user', id: String(actors.leader?.id), name: 'leader' });
    expect(again.events[2]?.details).toEqual(rectification);
    expect(again.events[3]?.details).toEqual({ dueDay: '2025-07-31' });

    const audit = await auditOf(t.db, id);
    expect(audit.map((entry) => entry.action)).toEqual([
      'warning.acknowledge',
      'warning.rectify',
      'warning.update_rectification',
      'warning.close',
      'warning.reopen',
      'warning.dismiss',
      'warning.reopen',
    ]);
    expect(audit.every((entry) => entry.actor_name === 'leader' && Number(entry.town_id) === townId)).toBe(true);
    expect(JSON.parse(audit[0]?.before as string)).toEqual({ status: 'new' });
    expect(JSON.parse(audit[0]?.after as string)).toEqual({ status: 'acknowledged' });
    expect(JSON.parse(audit[2]?.after as string)).toEqual({ dueDay: '2025-07-31' });
    expect(audit[5]?.reason).toBe('系同一企业重复投诉，已并案');
  });

  it('dismisses from new, acknowledged and rectifying', async () => {
    for (const status of ['new', 'acknowledged', 'rectifying'] as const) {
      const id = await insertTestWarning(t.db, { status });
      expect((await dismissWarning(deps(), id, { reason: '误报' })).status).toBe('dismissed');
    }
  });

  it('refuses every impossible step with 409 naming the current status', async () => {
    const allowed: Record<string, readonly string[]> = {
      acknowledge: ['new'],
      rectify: ['acknowledged'],
      update_rectification: ['rectifying'],
      close: ['rectifying'],
      dismiss: ['new', 'acknowledged', 'rectifying'],
      reopen: ['closed', 'dismissed'],
    };
    const steps: Record<string, (id: number) => Promise<unknown>> = {
      acknowledge: (id) => acknowledgeWarning(deps(), id),
      rectify: (id) => rectifyWarning(deps(), id, rectification),
      update_rectification: (id) => updateRectification(deps(), id, { owner: '张主任' }),
      close: (id) => closeWarning(deps(), id, { result: '完成' }),
      dismiss: (id) => dismissWarning(deps(), id, { reason: '误报' }),
      reopen: (id) => reopenWarning(deps(), id, { note: '再查' }),
    };
    for (const [verb, step] of Object.entries(steps)) {
      for (const status of ['new', 'acknowledged', 'rectifying', 'closed', 'dismissed'] as const) {
        const id = await insertTestWarning(t.db, { status });
        const outcome = await step(id).then(
          () => 'done',
          (error: { code: string; details?: { status?: string } }) => error,
        );
        if (allowed[verb]?.includes(status)) {
          expect(outcome, `${verb} from ${status}`).toBe('done');
        } else {
          expect(outcome, `${verb} from ${status}`).toMatchObject({
            code: 'conflict',
            message: expect.stringContaining(`it is ${status}`),
            details: { status, allowedFrom: allowed[verb] },
          });
          const warning = await getWarning(deps(), id);
          expect(warning.status).toBe(status);
          expect(warning.events).toHaveLength(1);
          expect(await auditOf(t.db, id)).toEqual([]);
        }
      }
    }
  });

  it('refuses a step when the status is not the one the caller saw', async () => {
    const id = await insertTestWarning(t.db, { status: 'acknowledged' });
    await expect(dismissWarning(deps(), id, { reason: '误报', expectedStatus: 'new' })).rejects.toMatchObject({
      code: 'conflict',
      details: { status: 'acknowledged' },
    });
    expect((await getWarning(deps(), id)).status).toBe('acknowledged');
  });

  it('lets only one of two concurrent steps through', async () => {
    const id = await insertTestWarning(t.db);
    const outcomes = await Promise.allSettled([acknowledgeWarning(deps(), id), acknowledgeWarning(deps('system'), id)]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: 'conflict' });
    expect((await getWarning(deps(), id)).events.map((e) => e.action)).toEqual(['detected', 'acknowledged']);
  });

  it('asks for what each step needs, naming the field', async () => {
    const id = await insertTestWarning(t.db, { status: 'acknowledged' });
    const field = (promise: Promise<unknown>) =>
      promise.catch((error: { details?: { issues?: { path: string }[] } }) =>
        error.details?.issues?.map((issue) => issue.path),
      );
    expect(await field(rectifyWarning(deps(), id, { ...rectification, owner: ' ' }))).toEqual(['owner']);
    expect(await field(rectifyWarning(deps(), id, { ...rectification, dueDay: '2025-02-30' }))).toEqual(['dueDay']);
    expect(await field(rectifyWarning(deps(), id, { owner: 'x', dueDay: '2025-07-01' } as never))).toEqual(['actions']);
    expect(await field(updateRectification(deps(), id, { note: '只有备注' }))).toEqual(['owner']);
    expect(await field(closeWarning(deps(), id, {} as never))).toEqual(['result']);
    expect(await field(dismissWarning(deps(), id, { reason: '' }))).toEqual(['reason']);
    expect(await field(reopenWarning(deps(), id, {} as never))).toEqual(['note']);
    expect(await field(acknowledgeWarning(deps(), id, { expectedStatus: 'open' as never }))).toEqual([
      'expectedStatus',
    ]);
    expect((await getWarning(deps(), id)).events).toHaveLength(1);
  });

  it('lets only writers whose scope reaches the warning take a step', async () => {
    const id = await insertTestWarning(t.db, { departmentCode: 'labour' });
    // Another village's secretary does not see it at all; the town's auditor reads it but writes nothing.
    await expect(acknowledgeWarning(deps('otherSecretary'), id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(acknowledgeWarning(deps('auditor'), id)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(acknowledgeWarning(deps('secretary'), id)).resolves.toMatchObject({ status: 'acknowledged' });
    await expect(rectifyWarning(deps('labour'), id, rectification)).resolves.toMatchObject({ status: 'rectifying' });
    await expect(closeWarning(deps('system'), id, { result: '完成' })).resolves.toMatchObject({ status: 'closed' });
    const events = (await getWarning(deps(), id)).events;
    expect(events.map((e) => e.actor)).toEqual([
      { kind: 'system', id: 'engine', name: 'engine' },
      { kind: 'user', id: String(actors.secretary?.id), name: 'secretary' },
      { kind: 'user', id: String(actors.labour?.id), name: 'labour' },
      { kind: 'system', id: 'cli', name: 'cli' },
    ]);
    const other = await insertTestWarning(t.db, { placeCode: world.otherVillage, departmentCode: 'market' });
    await expect(dismissWarning(deps('labour'), other, { reason: 'x' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(dismissWarning(deps(), 987_654, { reason: 'x' })).rejects.toMatchObject({ code: 'not_found' });
  });
});
