import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AuditLink, auditHash, checkChain, GENESIS_HASH } from './audit.chain.js';
import type { AuditRow } from './audit.repo.js';

/** Random entries as appendAudit would chain them. */
const entries = fc.array(
  fc.record({
    at: fc.integer({ min: 0, max: 4_000_000_000_000 }),
    actor_kind: fc.constantFrom('user' as const, 'token' as const, 'system' as const),
    actor_id: fc.option(fc.integer({ min: 1, max: 1_000_000 })),
    actor_name: fc.string({ maxLength: 20 }),
    ip: fc.option(fc.string({ maxLength: 15 })),
    action: fc.string({ minLength: 1, maxLength: 20 }),
    entity: fc.string({ minLength: 1, maxLength: 10 }),
    entity_id: fc.option(fc.string({ maxLength: 10 })),
    town_id: fc.option(fc.integer({ min: 1, max: 1_000 })),
    before: fc.option(fc.json()),
    after: fc.option(fc.json()),
    reason: fc.option(fc.string({ maxLength: 30 })),
  }),
  { minLength: 1, maxLength: 12 },
);

function chain(list: Omit<AuditLink, 'seq' | 'prev_hash'>[]): AuditRow[] {
  let prev = GENESIS_HASH;
  return list.map((fields, i) => {
    const link: AuditLink = { ...fields, seq: i + 1, prev_hash: prev };
    prev = auditHash(link);
    return { ...link, hash: prev };
  });
}

describe('the audit hash chain', () => {
  it('verifies every chain built by appending', () => {
    fc.assert(
      fc.property(entries, (list) => {
        expect(checkChain(chain(list), undefined)).toBeUndefined();
      }),
    );
  });

  it('finds any change to any field of any entry, at that entry or the next', () => {
    const fields = ['at', 'actor_name', 'action', 'entity_id', 'town_id', 'before', 'after', 'reason'] as const;
    fc.assert(
      fc.property(entries, fc.nat(), fc.constantFrom(...fields), (list, pick, field) => {
        const rows = chain(list);
        const index = pick % rows.length;
        const row = rows[index] as AuditRow;
        const changed = field === 'at' || field === 'town_id' ? Number(row[field] ?? 0) + 1 : `${row[field] ?? ''}x`;
        rows[index] = { ...row, [field]: changed };
        expect(checkChain(rows, undefined)).toEqual({ seq: index + 1, reason: 'hash' });
      }),
    );
  });

  it('finds removed and reordered entries', () => {
    fc.assert(
      fc.property(entries, fc.nat(), (list, pick) => {
        const rows = chain([...list, ...list]);
        const index = pick % (rows.length - 1);
        const removed = rows.filter((_, i) => i !== index);
        expect(checkChain(removed, undefined)).toEqual({ seq: index + 2, reason: 'gap' });
        const swapped = [...rows];
        [swapped[index], swapped[index + 1]] = [rows[index + 1] as AuditRow, rows[index] as AuditRow];
        expect(checkChain(swapped, undefined)?.reason).toBe('gap');
      }),
    );
  });

  it('continues from the link before a page', () => {
    const rows = chain(
      Array.from({ length: 4 }, (_, i) => ({
        at: i,
        actor_kind: 'system' as const,
        actor_id: null,
        actor_name: 'cli',
        ip: null,
        action: 'place.create',
        entity: 'place',
        entity_id: `p${i}`,
        town_id: null,
        before: null,
        after: null,
        reason: null,
      })),
    );
    const [a, b, ...rest] = rows as [AuditRow, AuditRow, ...AuditRow[]];
    expect(checkChain(rest, { seq: b.seq, hash: b.hash })).toBeUndefined();
    expect(checkChain(rest, { seq: a.seq, hash: a.hash })).toEqual({ seq: 3, reason: 'gap' });
    expect(checkChain(rest, { seq: b.seq, hash: a.hash })).toEqual({ seq: 3, reason: 'previous_hash' });
  });
});
