import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dedupe } from './dedupe.js';
import { categories as c, V1, V2 } from './engine.testing.js';
import { type Cell, cellWithin } from './shape.js';

type Alarm = Cell & { n: number };
const alarm = (category: Cell['category'], villageId: number | null, n = 1): Alarm => ({ category, villageId, n });
const weight = (a: Alarm) => a.n;

describe('dedupe: one warning per real issue', () => {
  it('keeps the most specific cell and lists the others as also seen at', () => {
    const leaf = alarm(c.axy, V1, 5);
    const issues = dedupe([alarm(c.ax, null, 9), leaf, alarm(c.a, V1, 7), alarm(null, V1, 8)], weight);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ category: c.axy, villageIds: [V1], members: [leaf] });
    expect(issues[0]?.alsoAt.map((a) => a.n)).toEqual([9, 8, 7]);
  });

  it('makes one spread issue of one category in several villages', () => {
    const issues = dedupe([alarm(c.axy, V1), alarm(c.axy, V2), alarm(c.axy, null)], weight);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ category: c.axy, villageIds: [V1, V2] });
    expect(issues[0]?.alsoAt).toHaveLength(1);
  });

  it('joins a finer category town-wide and a coarser one in a village at their meet', () => {
    const issues = dedupe([alarm(c.axy, null), alarm(c.a, V1)], weight);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ category: c.axy, villageIds: [V1] });
  });

  it('keeps unrelated issues apart, the larger first', () => {
    const issues = dedupe([alarm(c.axy, V1, 2), alarm(c.az, V1, 3), alarm(c.b, V2, 1)], weight);
    expect(issues.map((i) => i.category?.code)).toEqual(['a.z', 'a.x.y', 'b']);
  });

  it('accounts for every alarm exactly once, as a member or as a containing cell', () => {
    const cells = [c.a, c.ax, c.axy, c.az, c.b, null];
    const arbitraryAlarm = fc
      .tuple(fc.constantFrom(...cells), fc.constantFrom(V1, V2, null), fc.nat(100))
      .map(([category, village, n]) => alarm(category, village, n));
    fc.assert(
      fc.property(fc.uniqueArray(arbitraryAlarm, { selector: (a) => `${a.category?.id}:${a.villageId}` }), (alarms) => {
        const issues = dedupe(alarms, weight);
        const members = issues.flatMap((i) => i.members);
        expect(new Set(members).size).toBe(members.length);
        for (const a of alarms) {
          const isMember = members.includes(a);
          const contains = issues.some((i) => i.alsoAt.includes(a));
          expect(isMember || contains).toBe(true);
          // A member has no alarmed cell inside it.
          if (isMember) {
            expect(alarms.some((b) => b !== a && cellWithin(b, a))).toBe(false);
          }
        }
      }),
    );
  });
});
