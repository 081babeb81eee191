import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { type Actor, systemActor } from '../auth/access.js';
import type { Db } from '../store/database.js';
import { dialectOf } from '../store/dialect.js';
import { testDatabases, useTestStore } from '../store/testing.js';
import { auditHash, GENESIS_HASH } from './audit.chain.js';
import { type AuditEntry, appendAudit, verifyAuditChain } from './audit.service.js';

const clerk: Actor = { kind: 'user', id: 7, name: 'clerk', grants: [], ip: '10.0.0.7' };

const entry = (n: number): AuditEntry => ({
  action: 'place.update',
  entity: 'place',
  entityId: `p${n}`,
  townId: n % 3 === 0 ? null : n,
  before: { name: `旧${n}` },
  after: { name: `新${n}` },
});

async function seqs(db: Db): Promise<number[]> {
  const rows = await db.selectFrom('audit_log').select('seq').orderBy('seq').execute();
  return rows.map((r) => Number(r.seq));
}

/** Drop the append-only triggers, as someone with the database's owner rights could, to tamper with the log. */
async function dropAppendOnlyTriggers(db: Db): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await sql`drop trigger audit_log_no_change on audit_log`.execute(db);
  } else {
    await sql`drop trigger audit_log_no_update`.execute(db);
    await sql`drop trigger audit_log_no_delete`.execute(db);
  }
}

describe.each(testDatabases)('the audit chain on %s', (dialect) => {
  const t = useTestStore(dialect);

  it('starts empty and verifies', async () => {
    expect(await verifyAuditChain(t.db)).toEqual({ ok: true, entries: 0, head: null });
  });

  it('appends one entry, then many, chained from the genesis hash', async () => {
    await appendAudit(t.db, clerk, entry(1), 1_700_000_000_000);
    const [first] = await t.db.selectFrom('audit_log').selectAll().execute();
    expect(first).toMatchObject({
      seq: 1,
      actor_kind: 'user',
      actor_name: 'clerk',
      ip: '10.0.0.7',
      action: 'place.update',
      entity_id: 'p1',
      prev_hash: GENESIS_HASH,
      before: JSON.stringify({ name: '旧1' }),
    });
    expect(first?.hash).toMatch(/^[0-9a-f]{64}$/);
    // More than one INSERT statement's worth (500) and more than one verification page (5,000).
    await appendAudit(
      t.db,
      systemActor('cli'),
      Array.from({ length: 5_200 }, (_, i) => entry(i + 2)),
    );
    await appendAudit(t.db, clerk, []);
    const verified = await verifyAuditChain(t.db);
    const last = await t.db.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).execute();
    expect(verified).toEqual({ ok: true, entries: 5_201, head: { seq: 5_201, hash: last[0]?.hash } });
  });

  it('keeps the chain gapless when many transactions append at once', async () => {
    const before = (await seqs(t.db)).length;
    // On PostgreSQL these run on several pooled connections at once; the advisory lock puts them in a row.
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        t.db.transaction().execute(async (trx) => {
          await appendAudit(trx, clerk, [entry(100 + i), entry(200 + i)]);
        }),
      ),
    );
    const all = await seqs(t.db);
    expect(all).toEqual(Array.from({ length: before + 24 }, (_, i) => i + 1));
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true, entries: before + 24 });
  });

  it('rolls back with the transaction that wrote it', async () => {
    const before = await seqs(t.db);
    await expect(
      t.db.transaction().execute(async (trx) => {
        await appendAudit(trx, clerk, entry(1));
        throw new Error('the write failed');
      }),
    ).rejects.toThrow('the write failed');
    expect(await seqs(t.db)).toEqual(before);
  });

  it('refuses UPDATE and DELETE while the append-only triggers are in place', async () => {
    await expect(sql`update audit_log set action = 'place.delete' where seq = 2`.execute(t.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`delete from audit_log where seq = 3`.execute(t.db)).rejects.toThrow(/append-only/);
    if (dialect === 'postgres') {
      await expect(sql`truncate audit_log`.execute(t.db)).rejects.toThrow(/append-only/);
    }
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  });
});

describe.each(testDatabases)('tampering with the audit log on %s', (dialect) => {
  const t = useTestStore(dialect);

  it('finds a changed entry (hash) and a removed one (gap)', async () => {
    await appendAudit(
      t.db,
      clerk,
      Array.from({ length: 10 }, (_, i) => entry(i + 1)),
    );
    await dropAppendOnlyTriggers(t.db);

    const original = await t.db.selectFrom('audit_log').select('after').where('seq', '=', 4).executeTakeFirstOrThrow();
    await t.db.updateTable('audit_log').set({ after: '{"name":"改过"}' }).where('seq', '=', 4).execute();
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: false, entries: 3, break: { seq: 4, reason: 'hash' } });

    await t.db.updateTable('audit_log').set({ after: original.after }).where('seq', '=', 4).execute();
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true, entries: 10 });

    await t.db.deleteFrom('audit_log').where('seq', '=', 6).execute();
    const broken = await verifyAuditChain(t.db);
    expect(broken).toMatchObject({ ok: false, entries: 5, break: { seq: 7, reason: 'gap' } });
    // The head is still reported, so the operator sees how far the log goes.
    expect(broken.head?.seq).toBe(10);
  });

  it('finds an entry re-hashed to hide a change (the next entry no longer points at it)', async () => {
    const row = await t.db.selectFrom('audit_log').selectAll().where('seq', '=', 2).executeTakeFirstOrThrow();
    const { hash: _old, ...link } = { ...row, reason: 'nothing to see' };
    await t.db
      .updateTable('audit_log')
      .set({ reason: link.reason, hash: auditHash(link) })
      .where('seq', '=', 2)
      .execute();
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: false, break: { seq: 3, reason: 'previous_hash' } });
  });
});
