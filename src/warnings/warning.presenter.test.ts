import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFacts, parseMethods, parseSamples } from './warning.presenter.js';
import { warningFactsSchema, warningMethodSchema } from './warning.schema.js';

/*
 * The engine's JSON columns, read leniently: whatever the text, the parsers give the API's shape (missing keys as
 * null or empty), never an exception.
 */

describe('parsing what the engine wrote', () => {
  it('reads the documented shapes', () => {
    expect(
      parseMethods(
        '[{"method":"ears-c2","observed":9,"expected":2.5,"upperbound":6.1,"alarm":true},{"method":"glrnb"}]',
      ),
    ).toEqual([
      { method: 'ears-c2', observed: 9, expected: 2.5, upperBound: 6.1, alarm: true },
      { method: 'glrnb', observed: null, expected: null, upperBound: null, alarm: false },
    ]);
    const facts = parseFacts(
      JSON.stringify({
        villages: [{ code: '330782100201', name: '苏华村' }, { name: 'no code' }],
        categoryCode: 'noise.construction',
        weeks: 2,
        terms: ['夜间施工', 3],
        slopePerWeek: 0.8,
        qValue: 0.01,
        overdue: 5,
        series: { weeks: [202522, 202523], observed: [3, 9], expected: [2.5, null], upperbound: [6] },
        engineNote: 'kept',
      }),
    );
    expect(facts).toEqual({
      villages: [{ code: '330782100201', name: '苏华村' }],
      categoryCode: 'noise.construction',
      weeks: 2,
      terms: ['夜间施工'],
      slopePerWeek: 0.8,
      qValue: 0.01,
      overdue: 5,
      series: { weeks: [202522, 202523], observed: [3, 9], expected: [2.5, null], upperBound: [6, null] },
      engineNote: 'kept',
    });
    expect(
      parseSamples(
        '[{"kind":"case","id":4},{"kind":"case","id":4},{"kind":"complaint","id":"5"},{"kind":"complaint","id":7}]',
      ),
    ).toEqual([
      { kind: 'case', id: 4 },
      { kind: 'complaint', id: 7 },
    ]);
  });

  it('never throws and always gives the API shape (fuzz)', () => {
    const text = fc.oneof(
      fc.string(),
      fc.jsonValue().map((value) => JSON.stringify(value)),
      fc
        .tuple(
          fc.boolean(),
          fc.record(
            {
              villages: fc.array(fc.record({ code: fc.jsonValue(), name: fc.jsonValue() }, { requiredKeys: [] })),
              series: fc.record(
                { weeks: fc.array(fc.jsonValue()), observed: fc.jsonValue(), expected: fc.jsonValue() },
                { requiredKeys: [] },
              ),
              terms: fc.jsonValue(),
              method: fc.jsonValue(),
              kind: fc.constantFrom('complaint', 'case', 'x'),
              id: fc.oneof(fc.integer(), fc.double(), fc.string()),
            },
            { requiredKeys: [] },
          ),
        )
        .map(([wrap, value]) => JSON.stringify(wrap ? [value] : value)),
    );
    fc.assert(
      fc.property(text, (input) => {
        expect(() => warningFactsSchema.parse(parseFacts(input))).not.toThrow();
        for (const method of parseMethods(input)) {
          expect(() => warningMethodSchema.parse(method)).not.toThrow();
        }
        for (const sample of parseSamples(input)) {
          expect(['complaint', 'case']).toContain(sample.kind);
          expect(Number.isSafeInteger(sample.id) && sample.id > 0).toBe(true);
        }
        const series = parseFacts(input).series;
        if (series) {
          expect(series.observed).toHaveLength(series.weeks.length);
          expect(series.upperBound).toHaveLength(series.weeks.length);
        }
      }),
      { numRuns: 500 },
    );
  });
});
