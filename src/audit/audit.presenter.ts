import { townIso } from '../core/time/index.js';
import type { AuditListRow } from './audit.repo.js';
import type { AuditEntryView } from './audit.schema.js';

const parsed = (text: string | null) => (text === null ? null : (JSON.parse(text) as Record<string, unknown>));

/** An audit entry as it leaves the server: camelCase, the time in the town's offset, before/after as objects. */
export function presentAuditEntry(row: AuditListRow): AuditEntryView {
  return {
    seq: row.seq,
    at: townIso(row.at),
    atMs: row.at,
    actor: { kind: row.actor_kind, id: row.actor_id, name: row.actor_name },
    ip: row.ip,
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    townCode: row.town_code,
    before: parsed(row.before),
    after: parsed(row.after),
    reason: row.reason,
    hash: row.hash,
  };
}
