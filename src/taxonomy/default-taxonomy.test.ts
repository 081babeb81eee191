import { describe, expect, it } from 'vitest';
import { categoryCodeSchema } from './category.schema.js';
import { type DefaultCategory, defaultTaxonomy, UNCLASSIFIED_CODE } from './default-taxonomy.js';

interface Flat extends DefaultCategory {
  level: number;
  parent: DefaultCategory | null;
}

function flatten(entries: readonly DefaultCategory[], level = 1, parent: DefaultCategory | null = null): Flat[] {
  return entries.flatMap((e) => [{ ...e, level, parent }, ...flatten(e.children ?? [], level + 1, e)]);
}

const all = flatten(defaultTaxonomy);
const leaves = all.filter((c) => !c.children?.length);

describe('the default taxonomy', () => {
  it('has at least 12 areas and 40 leaves, three levels at most', () => {
    expect(defaultTaxonomy.length).toBeGreaterThanOrEqual(12);
    expect(leaves.length).toBeGreaterThanOrEqual(40);
    expect(Math.max(...all.map((c) => c.level))).toBe(3);
  });

  it('covers every area town offices and the 12345 hotline need', () => {
    const names = new Map(all.map((c) => [c.name, c]));
    const required: [parent: string, name: string][] = [
      ['', '市场秩序'],
      ['市容环境', '占道经营'],
      ['', '违法建设'],
      ['劳动保障', '涉企劳工纠纷'],
      ['涉企劳工纠纷', '欠薪'],
      ['', '食品安全'],
      ['', '消防安全'],
      ['', '生态环境'],
      ['', '噪声扰民'],
      ['', '交通与停车'],
      ['', '住房与物业'],
      ['', '公共设施'],
      ['', '社会保障'],
    ];
    for (const [parent, name] of required) {
      const found = names.get(name);
      expect(found, name).toBeDefined();
      expect(found?.parent?.name ?? '', name).toBe(parent);
    }
    const parking = all.find((c) => c.code === 'traffic.illegal_parking');
    expect(parking?.name).toBe('违章停车');
  });

  it('has unique well-formed codes, a child code extending its parent, and both names', () => {
    const codes = all.map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of all) {
      expect(categoryCodeSchema.safeParse(c.code).success, c.code).toBe(true);
      expect(c.name.trim(), c.code).not.toBe('');
      expect(c.nameEn.trim(), c.code).not.toBe('');
      expect(c.name).toMatch(/\p{Script=Han}/u);
      expect(c.nameEn).toMatch(/^[A-Z][A-Za-z ,'-]+$/);
      if (c.parent) {
        expect(c.code.startsWith(`${c.parent.code}.`), c.code).toBe(true);
      }
    }
  });

  it('gives siblings distinct names', () => {
    for (const group of [defaultTaxonomy, ...all.map((c) => c.children ?? [])]) {
      expect(new Set(group.map((c) => c.name)).size).toBe(group.length);
      expect(new Set(group.map((c) => c.nameEn)).size).toBe(group.length);
    }
  });

  it('has the unclassified leaf that intake falls back to', () => {
    const unclassified = leaves.find((c) => c.code === UNCLASSIFIED_CODE);
    expect(unclassified).toMatchObject({ name: '未分类', nameEn: 'Unclassified', level: 2 });
  });
});
