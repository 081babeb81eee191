import { describe, expect, it } from 'vitest';
import { changedFields } from './audit.diff.js';

describe('changedFields', () => {
  it('keeps only the fields that differ, on both sides', () => {
    expect(
      changedFields(
        { code: 'a', name: '旧', aliases: ['x'], centroid: { lng: 1, lat: 2 }, nameEn: null },
        { code: 'a', name: '新', aliases: ['x'], centroid: { lng: 1, lat: 3 }, nameEn: null },
      ),
    ).toEqual({
      before: { name: '旧', centroid: { lng: 1, lat: 2 } },
      after: { name: '新', centroid: { lng: 1, lat: 3 } },
    });
  });

  it('is undefined when nothing changed, and counts a missing field as null', () => {
    expect(changedFields({ a: 1, b: [1, 2] }, { a: 1, b: [1, 2] })).toBeUndefined();
    expect(changedFields({ a: null }, {})).toBeUndefined();
    expect(changedFields({ a: 1 }, {})).toEqual({ before: { a: 1 }, after: { a: null } });
    expect(changedFields({}, { b: false })).toEqual({ before: { b: null }, after: { b: false } });
  });
});
