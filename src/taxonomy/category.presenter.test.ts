import { describe, expect, it } from 'vitest';
import { inTreeOrder, presentTree } from './category.presenter.js';
import type { Category } from './category.schema.js';

function make(code: string, parentCode: string | null, sortOrder = 10): Category {
  const level = code.split('.').length as Category['level'];
  return { code, name: code, nameEn: code, level, parentCode, path: [], sortOrder, retired: false };
}

describe('presentTree', () => {
  const flat = [
    make('b', null, 20),
    make('a.y', 'a', 20),
    make('a', null, 10),
    make('a.x', 'a', 20),
    make('a.x.k', 'a.x'),
    make('a.w', 'a', 5),
  ];

  it('nests children under parents, siblings by sort order then code', () => {
    const tree = presentTree(flat);
    expect(tree.map((n) => n.code)).toEqual(['a', 'b']);
    expect(tree[0]?.children.map((n) => n.code)).toEqual(['a.w', 'a.x', 'a.y']);
    expect(tree[0]?.children[1]?.children.map((n) => n.code)).toEqual(['a.x.k']);
    expect(tree[1]?.children).toEqual([]);
  });

  it('makes a category whose parent is missing a root instead of dropping it', () => {
    const tree = presentTree(flat.filter((c) => c.level === 2));
    expect(tree.map((n) => n.code)).toEqual(['a.w', 'a.x', 'a.y']);
  });

  it('flattens back in tree order, losing nothing', () => {
    expect(inTreeOrder(flat).map((c) => c.code)).toEqual(['a', 'a.w', 'a.x', 'a.x.k', 'a.y', 'b']);
    expect(inTreeOrder(flat)[0]).not.toHaveProperty('children');
  });
});
