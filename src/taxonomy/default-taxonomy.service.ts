import { appendAudit } from '../audit/index.js';
import { systemActor } from '../auth/index.js';
import { inTransaction } from '../store/transaction.js';
import { type CategoryRow, countCategories } from './category.repo.js';
import { addCategory, loadById } from './category.service.js';
import { type DefaultCategory, defaultTaxonomy } from './default-taxonomy.js';
import { lockTaxonomyHead } from './taxonomy.repo.js';
import { recordTaxonomyVersion, type TaxonomyDeps } from './taxonomy.service.js';

export const DEFAULT_TAXONOMY_NOTE = 'default town governance taxonomy';

/**
 * Load the default taxonomy into an empty one as version 1; a no-op once the taxonomy has any version. Safe to call
 * on every start-up, from several processes at once: the head lock makes the second caller see the first's load.
 */
export async function ensureDefaultTaxonomy(deps: TaxonomyDeps): Promise<{ loaded: boolean; version: number }> {
  return inTransaction(deps.db, async (db) => {
    const version = await lockTaxonomyHead(db);
    if (version > 0) {
      return { loaded: false, version };
    }
    const now = Date.now();
    const load = async (entries: readonly DefaultCategory[], parent: CategoryRow | null): Promise<void> => {
      for (const [index, entry] of entries.entries()) {
        const id = await addCategory(db, { ...entry, sortOrder: (index + 1) * 10 }, parent, now);
        if (entry.children?.length) {
          await load(entry.children, await loadById(db, id));
        }
      }
    };
    await load(defaultTaxonomy, null);
    await recordTaxonomyVersion(db, 1, DEFAULT_TAXONOMY_NOTE);
    // The installation's own start-up loads it, not a person: one entry for the whole tree.
    await appendAudit(db, systemActor('startup'), {
      action: 'taxonomy.load_default',
      entity: 'taxonomy',
      entityId: '1',
      after: { version: 1, categories: await countCategories(db) },
      reason: DEFAULT_TAXONOMY_NOTE,
    });
    return { loaded: true, version: 1 };
  });
}
