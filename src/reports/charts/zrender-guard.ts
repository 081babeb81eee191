import LRU from 'zrender/lib/core/LRU.js';

/*
 * zrender 6.1 (under ECharts) caches text widths in an LRU keyed by the text drawn, and the LRU keeps its entries
 * in a plain object. A label reading "__proto__" then finds Object.prototype as its "entry", and the LRU's list
 * surgery writes `prev` and `next` onto Object.prototype: one chart with such a village or category name corrupts
 * every object of the server process (labels are user data). "constructor", "toString" … come back as functions and
 * give wrong widths. Patched here at the one place the charts load ECharts: only own keys count as cached, and
 * "__proto__" is never stored. charts.property.test.ts checks that rendering leaves Object.prototype alone.
 */

interface LruInternals {
  _map: object;
}

const lru = LRU.prototype;
const { get, put } = lru;

lru.get = function guardedGet(this: LRU<unknown>, key: string | number) {
  return Object.hasOwn((this as unknown as LruInternals)._map, key) ? get.call(this, key) : undefined;
};

lru.put = function guardedPut(this: LRU<unknown>, key: string | number, value: unknown) {
  return key === '__proto__' ? (null as unknown) : put.call(this, key, value);
};
