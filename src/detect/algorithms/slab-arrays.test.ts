import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { float64Array, float64Arrays, int32Array } from './slab-arrays.js';

describe('slab arrays', () => {
  it('are zero-filled, of the asked length, and never overlap (also across slabs and for oversized requests)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.record({
              kind: fc.constant('float64s' as const),
              count: fc.integer({ min: 1, max: 6 }),
              length: fc.nat(5000),
            }),
            fc.record({ kind: fc.constant('float64' as const), count: fc.constant(1), length: fc.nat(40000) }),
            fc.record({ kind: fc.constant('int32' as const), count: fc.constant(1), length: fc.nat(3000) }),
          ),
          { minLength: 1, maxLength: 30 },
        ),
        (requests) => {
          const arrays: (Float64Array | Int32Array)[] = [];
          for (const request of requests) {
            const made =
              request.kind === 'float64s'
                ? float64Arrays(request.count, request.length)
                : [request.kind === 'float64' ? float64Array(request.length) : int32Array(request.length)];
            expect(made).toHaveLength(request.count);
            for (const array of made) {
              expect(array.length).toBe(request.length);
              expect(array.every((value) => value === 0)).toBe(true);
              arrays.push(array);
            }
          }
          // Mark every array with its own number, then check that no other array overwrote it.
          arrays.forEach((array, i) => {
            array.fill(i + 1);
          });
          arrays.forEach((array, i) => {
            expect(array.every((value) => value === i + 1)).toBe(true);
          });
        },
      ),
      { numRuns: 50 },
    );
  });
});
