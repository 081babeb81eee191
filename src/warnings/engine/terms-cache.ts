/**
 * Complaint texts as terms, for the emerging-word detector: segmenting every text of 27 weeks costs most of a run on
 * a big town (about 10,000 texts a second), so the terms are kept in `complaint_terms` by complaint version and
 * dictionary, with whether the text repeats an earlier complaint. Each run reads the cache with the complaints,
 * fetches and segments only the texts that are new or changed since, and drops weeks no run needs any more. The
 * cache is the engine's own: it is written outside the run's transaction, and losing it only costs time.
 */
import type { Insertable } from 'kysely';
import type { Db } from '../../store/database.js';
import type { ComplaintTermsTable } from '../../store/tables/warnings.js';
import { inTransaction } from '../../store/transaction.js';
import type { EngineSegmenter } from './dictionary.js';
import {
  type ComplaintText,
  pruneCachedTerms,
  selectComplaintContents,
  selectComplaintVersions,
  upsertCachedTerms,
} from './terms-cache.repo.js';

/** A first complaint (not a repeat) with the terms of its text. */
export interface SegmentedText extends ComplaintText {
  terms: readonly string[];
}

const REPEAT_OPENING = /^[^，。,：:]{0,10}(再次|又一次|重复|多次)(反映|来电|投诉|举报)/;
const REPEAT_TITLE = /重复件|重复来电|重复投诉/;
const ALREADY_REPORTED = /已于.{0,20}(反映|投诉|举报)过/;

/**
 * A complaint that says an earlier one again adds no new voice: a title marked 重复件, a text opening with
 * 来电人再次反映…, or one saying the problem was reported before (该问题已于…反映过).
 */
export function isRepeatComplaint(title: string | null, content: string): boolean {
  return (title !== null && REPEAT_TITLE.test(title)) || REPEAT_OPENING.test(content) || ALREADY_REPORTED.test(content);
}

/** The first complaints of the weeks with their terms; `segmented` counts the texts segmented in this call. */
export async function segmentedTexts(
  db: Db,
  townId: number,
  fromWeek: number,
  toWeek: number,
  { segmenter, id: dictionary }: EngineSegmenter,
): Promise<{ texts: SegmentedText[]; segmented: number }> {
  const versions = await selectComplaintVersions(db, townId, fromWeek, toWeek);
  const stale = versions.filter(
    (v) => v.cached === null || v.cached.updatedAt !== v.updatedAt || v.cached.dictionary !== dictionary,
  );
  const contents = await selectComplaintContents(
    db,
    stale.map((v) => v.id),
  );
  const fresh = new Map<number, Insertable<ComplaintTermsTable>>();
  for (const v of stale) {
    const { title = null, content = '' } = contents.get(v.id) ?? {};
    const repeat = isRepeatComplaint(title, content);
    const text = title === null || content.startsWith(title) ? content : `${title}。${content}`;
    fresh.set(v.id, {
      complaint_id: v.id,
      town_id: townId,
      week: v.week,
      updated_at: v.updatedAt,
      dictionary,
      repeat: repeat ? 1 : 0,
      terms: JSON.stringify(repeat ? [] : segmenter.termsOf(text)),
    });
  }
  const texts: SegmentedText[] = [];
  for (const { cached, ...complaint } of versions) {
    const row = fresh.get(complaint.id);
    const repeat = row === undefined ? (cached?.repeat ?? false) : row.repeat === 1;
    if (!repeat) {
      texts.push({ ...complaint, terms: JSON.parse(row?.terms ?? cached?.terms ?? '[]') as string[] });
    }
  }
  await inTransaction(db, async (trx) => {
    await upsertCachedTerms(trx, [...fresh.values()]);
    await pruneCachedTerms(trx, townId, fromWeek);
  });
  return { texts, segmented: fresh.size };
}
