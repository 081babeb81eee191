import { describe, expect, it } from 'vitest';
import { defaultDepartments } from '../../orgs/index.js';
import type { Boundary } from '../../places/index.js';
import { insideBoundary } from '../../places/index.js';
import { createDemo } from '../demo.js';
import { buildLookups, categoryPaths, departmentNames } from './lookups.js';
import {
  CASE_OUTCOME_ZH,
  CASE_SOURCE_ZH,
  CASE_STATUS_ZH,
  CHANNEL_ZH,
  COMPLAINT_STATUS_ZH,
  ENTERPRISE_KIND_ZH,
  INDUSTRY_ZH,
  invertDictionary,
  SATISFACTION_ZH,
  YES_NO_ZH,
} from './vocabulary.js';

const dictionaries: Record<string, Readonly<Record<string, string>>> = {
  CHANNEL_ZH,
  COMPLAINT_STATUS_ZH,
  SATISFACTION_ZH,
  CASE_SOURCE_ZH,
  CASE_STATUS_ZH,
  CASE_OUTCOME_ZH,
  YES_NO_ZH,
  INDUSTRY_ZH,
  ENTERPRISE_KIND_ZH,
};

describe('zh-CN dictionaries', () => {
  it.each(Object.entries(dictionaries))('%s gives every code its own non-empty word, and inverts', (_, dictionary) => {
    const inverse = invertDictionary(dictionary);
    expect(inverse.size).toBe(Object.keys(dictionary).length);
    for (const [code, word] of Object.entries(dictionary)) {
      expect(word.trim()).toBe(word);
      expect(word).not.toBe('');
      expect(inverse.get(word)).toBe(code);
    }
  });
});

describe('export lookups', () => {
  const demo = createDemo({ records: 0 });
  const lookups = buildLookups(demo);

  it('names every leaf the demo files records under with a unique path', () => {
    const paths = categoryPaths();
    expect(paths.get('labour.enterprise_dispute.wage_arrears')).toBe('劳动保障/涉企劳工纠纷/欠薪');
    expect(paths.get('city_appearance.street_stall')).toBe('市容环境/占道经营');
    expect(new Set(paths.values()).size).toBe(paths.size);
    for (const category of demo.categories) {
      expect(paths.get(category.code)).toMatch(new RegExp(`^${category.areaName}/.*${category.name}$`));
    }
  });

  it('labels every village and group uniquely, groups after their village', () => {
    const labels = [...lookups.placeLabels.values()];
    expect(new Set(labels).size).toBe(labels.length);
    const village = demo.map.villages[0];
    const group = village?.groups[1];
    expect(lookups.placeLabels.get(village?.code ?? '')).toBe(village?.name);
    expect(lookups.placeLabels.get(group?.code ?? '')).toBe(`${village?.name}${group?.name}`);
    expect(lookups.villages.get(group?.code ?? '')).toBe(village);
  });

  it('names every default department in the town', () => {
    const names = departmentNames('云溪镇');
    expect(names.get('enforcement')).toBe('云溪镇综合行政执法队');
    expect(names.get('market')).toBe('云溪市场监管所');
    expect(names.size).toBe(defaultDepartments.length);
    for (const name of names.values()) {
      expect(name).not.toMatch(/[{}]/);
    }
  });

  it('tells points inside a boundary from points outside', () => {
    const square: Boundary = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [2, 0],
          [2, 2],
          [0, 2],
          [0, 0],
        ],
        [
          [0.5, 0.5],
          [0.5, 1],
          [1, 1],
          [1, 0.5],
          [0.5, 0.5],
        ],
      ],
    };
    expect(insideBoundary(square, { lng: 1.5, lat: 1.5 })).toBe(true);
    expect(insideBoundary(square, { lng: 0.75, lat: 0.75 })).toBe(false);
    expect(insideBoundary(square, { lng: 2.5, lat: 1 })).toBe(false);
    for (const village of demo.map.villages) {
      expect(insideBoundary(village.boundary, village.centroid)).toBe(true);
    }
  });
});
