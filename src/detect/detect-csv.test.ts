import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AppError, isAppError } from '../core/errors.js';
import { detectionMethods, methodNames } from './algorithms/methods.js';
import { runDetectCsv } from './detect-csv.js';

/** Input CSV for `series` (name → counts of weeks 1..N), rows in the given order. */
function csvOf(series: Record<string, number[]>, order: 'natural' | 'reversed' = 'natural'): string {
  const rows: string[] = [];
  for (const [name, counts] of Object.entries(series)) {
    counts.forEach((count, i) => {
      rows.push(`${name},${i + 1},${count}`);
    });
  }
  if (order === 'reversed') {
    rows.reverse();
  }
  return `series,week_index,count\n${rows.join('\n')}\n`;
}

function thrown(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (isAppError(error)) {
      return error;
    }
    throw error;
  }
  throw new Error('expected an AppError');
}

const seasonal = (n: number, shift = 0): number[] =>
  Array.from({ length: n }, (_, i) => Math.round(4 + 3 * Math.sin((2 * Math.PI * (i + shift)) / 52) + ((i * 7) % 5)));

describe('runDetectCsv', () => {
  it('writes one row per monitored week of every series, with the header of the contract', () => {
    const output = runDetectCsv(csvOf({ a: seasonal(120), b: seasonal(130, 9) }), 'ears-c1');
    const lines = output.trimEnd().split('\n');
    expect(lines[0]).toBe('series,week_index,observed,expected,upperbound,alarm');
    expect(lines.length).toBe(1 + 104 + 104);
    expect(lines[1].startsWith('a,17,')).toBe(true);
    expect(lines[105].startsWith('b,27,')).toBe(true);
    expect(output.endsWith('\n')).toBe(true);
  });

  it('prints numbers that read back as the detector computed them, empty cells for NA', () => {
    const counts = seasonal(320);
    const output = runDetectCsv(csvOf({ s: counts }), 'farrington-noufaily');
    const rows = detectionMethods['farrington-noufaily'](counts);
    const lines = output.trimEnd().split('\n').slice(1);
    expect(lines.length).toBe(rows.length);
    lines.forEach((line, i) => {
      const [series, week, observed, expected, upperbound, alarm] = line.split(',');
      expect(series).toBe('s');
      expect(Number(week)).toBe(rows[i].weekIndex);
      expect(Number(observed)).toBe(rows[i].observed);
      expect(expected === '' ? null : Number(expected)).toBe(rows[i].expected);
      expect(upperbound === '' ? null : Number(upperbound)).toBe(rows[i].upperbound);
      expect(alarm === '' ? null : Number(alarm)).toBe(rows[i].alarm);
    });
  });

  it('ignores other columns and their order, accepts CRLF, a BOM and quoted series names', () => {
    const counts = seasonal(112);
    const body = counts.map((count, i) => `${count},"x, ""y""",2020,${i + 1}`).join('\r\n');
    const output = runDetectCsv(`\uFEFFcount,series,year,week_index\r\n${body}\r\n`, 'ears-c2');
    const expected = runDetectCsv(csvOf({ z: counts }), 'ears-c2').replaceAll('\nz,', '\n"x, ""y""",');
    expect(output).toBe(expected);
  });

  it('does not depend on the order of the rows', () => {
    const input = { a: seasonal(140), b: seasonal(140, 20) };
    expect(runDetectCsv(csvOf(input, 'reversed'), 'glrpois')).toBe(
      runDetectCsv(csvOf({ b: input.b, a: input.a }), 'glrpois'),
    );
  });

  it('honours an explicit range', () => {
    const output = runDetectCsv(csvOf({ a: seasonal(60) }), 'ears-c3', [50, 52]);
    expect(
      output
        .trimEnd()
        .split('\n')
        .slice(1)
        .map((line) => line.split(',')[1]),
    ).toEqual(['50', '51', '52']);
  });

  it('names the line and column of a bad count or week', () => {
    const negative = thrown(() => runDetectCsv('series,week_index,count\na,1,3\na,2,-1\n', 'ears-c1'));
    expect(negative.code).toBe('invalid_input');
    expect(negative.message).toContain('line 3.count');
    const fractional = thrown(() => runDetectCsv('series,week_index,count\na,1,2.5\n', 'ears-c1'));
    expect(fractional.message).toContain('line 2.count');
    const week = thrown(() => runDetectCsv('series,week_index,count\na,0,2\n', 'ears-c1'));
    expect(week.message).toContain('line 2.week_index');
    expect(week.details?.issues?.[0].path).toBe('line 2.week_index');
  });

  it('refuses missing and repeated weeks', () => {
    const gap = thrown(() => runDetectCsv('series,week_index,count\na,1,3\na,2,1\na,5,2\n', 'ears-c1'));
    expect(gap.message).toContain('line 4.week_index');
    expect(gap.message).toContain('weeks 3-4');
    const repeated = thrown(() => runDetectCsv('series,week_index,count\na,1,3\na,1,4\n', 'ears-c1'));
    expect(repeated.message).toContain('line 3.week_index');
  });

  it('refuses an unknown method, listing the valid ones', () => {
    const error = thrown(() => runDetectCsv(csvOf({ a: seasonal(120) }), 'cusum'));
    expect(error.details?.issues?.[0].path).toBe('method');
    for (const name of methodNames) {
      expect(error.message).toContain(name);
    }
  });

  it('refuses a header without the required columns and a series too short for the method', () => {
    expect(thrown(() => runDetectCsv('series,week,count\na,1,2\n', 'ears-c1')).message).toContain('week_index');
    const short = thrown(() => runDetectCsv(csvOf({ tiny: [1, 2, 3] }), 'farrington-original'));
    expect(short.message).toContain('series "tiny"');
  });

  it('never crashes on arbitrary text: it returns CSV or throws invalid_input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.constantFrom(...methodNames), (text, method) => {
        try {
          const output = runDetectCsv(text, method);
          expect(output.startsWith('series,week_index,observed,expected,upperbound,alarm\n')).toBe(true);
        } catch (error) {
          expect(isAppError(error) && error.code === 'invalid_input').toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never crashes on near-valid rows with corrupted cells', () => {
    const cell = fc.oneof(
      fc.nat({ max: 40 }).map(String),
      fc.constantFrom('', ' ', '-1', '1.5', '1e3', 'NaN', '"7"', '0x10', '٣', '99999999999'),
    );
    const row = fc.tuple(fc.constantFrom('a', 'b', '"c,d"', ''), cell, cell);
    fc.assert(
      fc.property(fc.array(row, { maxLength: 40 }), (rows) => {
        const text = `series,week_index,count\n${rows.map((fields) => fields.join(',')).join('\n')}`;
        try {
          runDetectCsv(text, 'ears-c1', [8, 8]);
        } catch (error) {
          expect(isAppError(error) && error.code === 'invalid_input').toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same answer for any order of the rows of valid input', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: 30 }), { minLength: 115, maxLength: 130 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        (counts, seed) => {
          const lines = counts.map((count, i) => `s,${i + 1},${count}`);
          const shuffled = lines
            .map((line, i) => ({ line, key: (i * 2654435761 + seed) % 4294967296 }))
            .sort((x, y) => x.key - y.key)
            .map(({ line }) => line);
          const header = 'series,week_index,count\n';
          expect(runDetectCsv(header + shuffled.join('\n'), 'ears-c3')).toBe(
            runDetectCsv(header + lines.join('\n'), 'ears-c3'),
          );
        },
      ),
      { numRuns: 50 },
    );
  });
});
