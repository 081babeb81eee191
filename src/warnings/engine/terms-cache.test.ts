import { describe, expect, it } from 'vitest';
import { createComplaint } from '../../records/index.js';
import { makeComplaintInput, recordDeps, seedRecordWorld } from '../../records/record.testing.js';
import { testDatabases, useTestStore } from '../../store/testing.js';
import { loadSegmenter } from './dictionary.js';
import { isRepeatComplaint, segmentedTexts } from './terms-cache.js';

const builtin = loadSegmenter(undefined);

describe.each(testDatabases)('the complaint terms cache on %s', (dialect) => {
  const t = useTestStore(dialect);

  it('segments each text once, again when it changes, and drops weeks no run needs', async () => {
    await seedRecordWorld(t.db);
    const deps = recordDeps(t.db);
    const old = await createComplaint(deps, makeComplaintInput({ openedAt: '2025-01-06T09:00:00+08:00' }));
    const a = await createComplaint(deps, makeComplaintInput({ content: '小区门口有人占道经营，油烟扰民' }));
    await createComplaint(deps, makeComplaintInput({ content: '夜间施工噪声扰民' }));
    const repeat = await createComplaint(deps, makeComplaintInput({ content: '来电人再次反映夜间施工噪声扰民' }));
    const town = await t.db.selectFrom('complaint').select('town_id').where('id', '=', a.id).executeTakeFirstOrThrow();
    const townId = Number(town.town_id);

    const first = await segmentedTexts(t.db, townId, 202501, 202530, builtin);
    expect(first.segmented).toBe(4);
    // A repeat of an earlier complaint is no new voice, now or from the cache.
    expect(first.texts.map((x) => x.id)).not.toContain(repeat.id);
    const again = await segmentedTexts(t.db, townId, 202501, 202530, builtin);
    expect(again.segmented).toBe(0);
    expect(again.texts.map((x) => x.id).sort()).toEqual(first.texts.map((x) => x.id).sort());
    expect(again.texts.find((x) => x.id === a.id)?.terms).toEqual(first.texts.find((x) => x.id === a.id)?.terms);
    expect(again.texts.find((x) => x.id === a.id)?.terms).toContain('占道经营');

    await t.db
      .updateTable('complaint')
      .set({ content: '广场舞音响声音太大', updated_at: Date.now() })
      .where('id', '=', a.id)
      .execute();
    const changed = await segmentedTexts(t.db, townId, 202501, 202530, builtin);
    expect(changed.segmented).toBe(1);
    expect(changed.texts.find((x) => x.id === a.id)?.terms).not.toContain('占道经营');

    // A run that starts after January no longer needs (or keeps) the January complaint's terms.
    await segmentedTexts(t.db, townId, 202510, 202530, builtin);
    const kept = await t.db.selectFrom('complaint_terms').select('complaint_id').execute();
    expect(kept.map((r) => Number(r.complaint_id))).not.toContain(old.id);
    expect(kept).toHaveLength(3);
  });
});

describe('isRepeatComplaint', () => {
  it('knows a repeat by its title, its opening or its saying it was reported before', () => {
    expect(isRepeatComplaint('（重复件）东村占道经营', '来电人反映：…')).toBe(true);
    expect(isRepeatComplaint(null, '来电人再次反映：夜间施工噪声')).toBe(true);
    expect(isRepeatComplaint(null, '市民来电反映：噪声扰民。该问题已于2025年6月2日反映过，至今仍未解决。')).toBe(true);
    expect(isRepeatComplaint('东村占道经营', '来电人反映：早市摊贩占道，希望再次核查')).toBe(false);
  });
});
