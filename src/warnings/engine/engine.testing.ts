/** A small town shape for the engine's unit tests: category tree a > a.x > a.x.y, a > a.z, b; villages 1 and 2. */
import type { CategoryNode, TownShape } from './shape.js';

const node = (id: number, code: string, path: number[]): CategoryNode => ({
  id,
  code,
  name: { zh: code, en: code },
  level: path.length,
  path,
});

export const categories = {
  a: node(1, 'a', [1]),
  ax: node(2, 'a.x', [1, 2]),
  axy: node(3, 'a.x.y', [1, 2, 3]),
  az: node(4, 'a.z', [1, 4]),
  b: node(5, 'b', [5]),
};

export const V1 = 101;
export const V2 = 102;
/** A group of village 1. */
export const G1 = 1011;

export const shape: TownShape = {
  town: { id: 100, code: 'T', name: { zh: '测试镇', en: 'Test Town' } },
  categories: new Map(Object.values(categories).map((c) => [c.id, c])),
  villages: new Map([
    [V1, { id: V1, code: 'V1', name: { zh: '一村', en: 'Village One' } }],
    [V2, { id: V2, code: 'V2', name: { zh: '二村', en: 'Village Two' } }],
  ]),
  villageOfPlace: new Map([
    [V1, V1],
    [V2, V2],
    [G1, V1],
  ]),
};
