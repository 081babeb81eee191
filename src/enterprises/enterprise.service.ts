import { appendAudit, changedFields } from '../audit/index.js';
import { type Actor, requireTownGrant } from '../auth/index.js';
import { conflict, invalidField, notFound } from '../core/errors.js';
import { parseInput } from '../core/validation.js';
import { type PlaceRow, requirePlace } from '../places/index.js';
import type { Db } from '../store/database.js';
import { inTransaction } from '../store/transaction.js';
import { validateCreditCode } from './credit-code.js';
import { presentEnterprise } from './enterprise.presenter.js';
import {
  countEnterpriseRows,
  type EnterpriseRow,
  findEnterpriseByCreditCode,
  findEnterpriseById,
  insertEnterprise,
  listEnterpriseRows,
  updateEnterpriseRow,
} from './enterprise.repo.js';
import {
  type CreateEnterpriseInput,
  createEnterpriseSchema,
  type Enterprise,
  type EnterprisePage,
  type SearchEnterprisesQuery,
  searchEnterprisesQuerySchema,
  type UpdateEnterpriseInput,
  updateEnterpriseSchema,
} from './enterprise.schema.js';

export interface EnterpriseDeps {
  db: Db;
}

/** Writes know who writes: `enterprises:write` held somewhere in the enterprise's town; the audit names the actor. */
export interface EnterpriseWriteDeps extends EnterpriseDeps {
  actor: Actor;
}

/** The credit code in canonical form, or invalid input in `field` with the precise reason. */
function canonicalCreditCode(text: string, field: string): string {
  const result = validateCreditCode(text);
  if (!result.ok) {
    throw invalidField(field, result.reason);
  }
  return result.code;
}

async function requireTown(db: Db, code: string, field: string): Promise<PlaceRow> {
  const place = await requirePlace(db, code, field);
  if (place.level !== 'town') {
    throw invalidField(field, `"${code}" is a ${place.level}, not a town`);
  }
  return place;
}

/** A village (or community) that lies in `town`. */
async function requireVillageOf(db: Db, town: PlaceRow, code: string, field: string): Promise<PlaceRow> {
  const place = await requirePlace(db, code, field);
  if (place.level !== 'village') {
    throw invalidField(field, `"${code}" is a ${place.level}, not a village`);
  }
  if (place.town_id !== town.id) {
    throw invalidField(field, `village "${code}" is not in town "${town.code}"`);
  }
  return place;
}

async function loadById(db: Db, id: number): Promise<EnterpriseRow> {
  const row = await findEnterpriseById(db, id);
  if (!row) {
    throw notFound('enterprise', id);
  }
  return row;
}

async function loadByCreditCode(db: Db, creditCode: string): Promise<EnterpriseRow> {
  const code = canonicalCreditCode(creditCode, 'creditCode');
  const row = await findEnterpriseByCreditCode(db, code);
  if (!row) {
    throw notFound('enterprise', code);
  }
  return row;
}

/**
 * The enterprise with this credit code, for other features that take one as input (cases, inspections): a malformed
 * or unknown code is bad input in `field`, not a missing resource.
 */
export async function requireEnterprise(db: Db, creditCode: string, field: string): Promise<EnterpriseRow> {
  const code = canonicalCreditCode(creditCode, field);
  const row = await findEnterpriseByCreditCode(db, code);
  if (!row) {
    throw invalidField(field, `unknown enterprise "${code}"`);
  }
  return row;
}

/**
 * Register an enterprise in a town: a valid credit code (GB 32100-2015) not yet registered, a village of that town.
 * Needs `enterprises:write` somewhere in the town (an officer of one of its departments too); audited as
 * `enterprise.create`.
 */
export async function createEnterprise(deps: EnterpriseWriteDeps, input: CreateEnterpriseInput): Promise<Enterprise> {
  const data = parseInput(createEnterpriseSchema, input);
  return inTransaction(deps.db, async (db) => {
    const town = await requireTown(db, data.townCode, 'townCode');
    requireTownGrant(deps.actor, 'enterprises:write', town.id);
    const village = data.villageCode ? await requireVillageOf(db, town, data.villageCode, 'villageCode') : null;
    if (await findEnterpriseByCreditCode(db, data.creditCode)) {
      throw conflict(`enterprise ${data.creditCode} already exists`, {
        issues: [{ path: 'creditCode', message: 'already registered' }],
      });
    }
    const now = Date.now();
    const id = await insertEnterprise(db, {
      town_id: town.id,
      credit_code: data.creditCode,
      name: data.name,
      village_id: village?.id ?? null,
      industry: data.industry,
      address: data.address ?? null,
      created_at: now,
      updated_at: now,
    });
    const enterprise = presentEnterprise(await loadById(db, id));
    await appendAudit(db, deps.actor, {
      action: 'enterprise.create',
      entity: 'enterprise',
      entityId: enterprise.creditCode,
      townId: town.id,
      after: enterprise,
    });
    return enterprise;
  });
}

/**
 * Rename an enterprise, move it to another village of its town (or none), change its industry or address. Needs
 * `enterprises:write` somewhere in its town; audited as `enterprise.update` with the changed fields.
 */
export async function updateEnterprise(
  deps: EnterpriseWriteDeps,
  creditCode: string,
  input: UpdateEnterpriseInput,
): Promise<Enterprise> {
  const patch = parseInput(updateEnterpriseSchema, input);
  return inTransaction(deps.db, async (db) => {
    const enterprise = await loadByCreditCode(db, creditCode);
    requireTownGrant(deps.actor, 'enterprises:write', enterprise.town_id);
    let villageId: number | null | undefined;
    if (patch.villageCode === null) {
      villageId = null;
    } else if (patch.villageCode !== undefined) {
      const town = await requirePlace(db, enterprise.town_code, 'townCode');
      villageId = (await requireVillageOf(db, town, patch.villageCode, 'villageCode')).id;
    }
    await updateEnterpriseRow(db, enterprise.id, {
      ...(patch.name !== undefined && { name: patch.name }),
      ...(villageId !== undefined && { village_id: villageId }),
      ...(patch.industry !== undefined && { industry: patch.industry }),
      ...(patch.address !== undefined && { address: patch.address }),
      updated_at: Date.now(),
    });
    const after = presentEnterprise(await loadById(db, enterprise.id));
    const changes = changedFields(presentEnterprise(enterprise), after);
    if (changes) {
      await appendAudit(db, deps.actor, {
        action: 'enterprise.update',
        entity: 'enterprise',
        entityId: after.creditCode,
        townId: enterprise.town_id,
        ...changes,
      });
    }
    return after;
  });
}

/** One enterprise by its credit code (any case, surrounding spaces ignored). */
export async function getEnterprise(deps: EnterpriseDeps, creditCode: string): Promise<Enterprise> {
  return presentEnterprise(await loadByCreditCode(deps.db, creditCode));
}

/** Enterprises whose name contains `q`, in one town or all, a page at a time, by name. */
export async function searchEnterprises(deps: EnterpriseDeps, query: SearchEnterprisesQuery): Promise<EnterprisePage> {
  const { town, q, page, pageSize } = parseInput(searchEnterprisesQuerySchema, query);
  const townId = town === undefined ? undefined : (await requireTown(deps.db, town, 'town')).id;
  const filter = { townId, nameContains: q || undefined };
  const [rows, total] = await Promise.all([
    listEnterpriseRows(deps.db, filter, { offset: (page - 1) * pageSize, limit: pageSize }),
    countEnterpriseRows(deps.db, filter),
  ]);
  return { items: rows.map(presentEnterprise), total, page, pageSize };
}
