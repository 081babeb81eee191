/**
 * Complaint texts with their terms, for the emerging-word detector: segmenting every text of 27 weeks costs most of a
 * run on a big town (about 10,000 texts a second), so the terms are kept in `complaint_terms` by complaint and
 * version and dictionary, and each run segments only the texts that are new or changed since the last; weeks no run needs any more
 * are dropped. The cache is the engine's own: it is written outside the run's transaction, and losing it only costs
 * time.
 */
import type { Db } from '../../store/database.js';
import { inTransaction } from '../../store/transaction.js';
import type { EngineSegmenter } from './dictionary.js';
import {
  type ComplaintText,
  pruneCachedTerms,
  selectCachedTerms,
  selectComplaintTexts,
  upsertCachedTerms,
} from './engine.repo.js';

export interface SegmentedText extends ComplaintText {
  terms: readonly string[];
}

export async function segmentedTexts(
  db: Db,
  townId: number,
  fromWeek: number,
  toWeek: number,
  { segmenter, id: dictionary }: EngineSegmenter,
): Promise<{ texts: SegmentedText[]; segmented: number }> {
  const [texts, cached] = await Promise.all([
    selectComplaintTexts(db, townId, fromWeek, toWeek),
    selectCachedTerms(db, townId, fromWeek, toWeek),
  ]);
  const fresh: Parameters<typeof upsertCachedTerms>[1][number][] = [];
  const segmented = texts.map((text): SegmentedText => {
    const hit = cached.get(text.id);
    if (hit !== undefined && hit.updatedAt === text.updatedAt && hit.dictionary === dictionary) {
      return { ...text, terms: JSON.parse(hit.terms) as string[] };
    }
    const terms = segmenter.termsOf(text.text);
    fresh.push({
      complaint_id: text.id,
      town_id: townId,
      week: text.week,
      updated_at: text.updatedAt,
      dictionary,
      terms: JSON.stringify(terms),
    });
    return { ...text, terms };
  });
  await inTransaction(db, async (trx) => {
    await upsertCachedTerms(trx, fresh);
    await pruneCachedTerms(trx, townId, fromWeek);
  });
  return { texts: segmented, segmented: fresh.length };
}
