import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePattern, parsePatterned, readInstant } from './datetime.js';

const at = (iso: string) => Date.parse(iso);

describe('readInstant', () => {
  it('reads the common text forms of Chinese exports as the town wall clock', () => {
    expect(readInstant('2025/6/3 9:05')).toBe(at('2025-06-03T09:05:00+08:00'));
    expect(readInstant('2025-06-03 09:05:07')).toBe(at('2025-06-03T09:05:07+08:00'));
    expect(readInstant('2025年6月3日')).toBe(at('2025-06-03T00:00:00+08:00'));
    expect(readInstant('2025年6月3日 9:05')).toBe(at('2025-06-03T09:05:00+08:00'));
    expect(readInstant('20250603')).toBe(at('2025-06-03T00:00:00+08:00'));
    expect(readInstant(' 2025-06-03  09:05 ')).toBe(at('2025-06-03T09:05:00+08:00'));
  });

  it('reads ISO 8601 with an offset as that instant', () => {
    expect(readInstant('2025-06-03T01:05:07Z')).toBe(at('2025-06-03T09:05:07+08:00'));
    expect(readInstant('2025-06-03T09:05:07+08:00')).toBe(at('2025-06-03T01:05:07Z'));
  });

  it('reads Excel date cells (UTC fields = wall clock) and serial numbers', () => {
    expect(readInstant(new Date(Date.UTC(2025, 5, 3, 9, 5, 7)))).toBe(at('2025-06-03T09:05:07+08:00'));
    // 45811 is 2025-06-03 in Excel's 1900 system; .5 is noon.
    expect(readInstant(45811.5)).toBe(at('2025-06-03T12:00:00+08:00'));
    expect(readInstant('45811')).toBe(at('2025-06-03T00:00:00+08:00'));
  });

  it('refuses what is not a real date', () => {
    for (const bad of [
      '2025-02-30',
      '2025/13/1',
      '2025-06-03 24:00',
      'yesterday',
      '',
      '2025-06-03T09:05',
      null,
      true,
    ]) {
      expect(readInstant(bad), String(bad)).toBeUndefined();
    }
    expect(readInstant(new Date(Number.NaN))).toBeUndefined();
  });

  it('takes only the patterns given when a profile names them', () => {
    expect(readInstant('2025/6/3 9:05', ['yyyy/M/d H:mm'])).toBe(at('2025-06-03T09:05:00+08:00'));
    expect(readInstant('2025-06-03 09:05', ['yyyy/M/d H:mm'])).toBeUndefined();
    expect(parsePatterned('03.06.2025 at 9h05', ["dd.MM.yyyy 'at' H'h'mm"])).toBe(at('2025-06-03T09:05:00+08:00'));
  });

  it('round-trips every wall clock written in a pattern', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }), (d) => {
        const wall = new Date(Math.floor(d.getTime() / 60_000) * 60_000);
        const text = `${wall.getUTCFullYear()}/${wall.getUTCMonth() + 1}/${wall.getUTCDate()} ${wall.getUTCHours()}:${String(wall.getUTCMinutes()).padStart(2, '0')}`;
        expect(readInstant(text, ['yyyy/M/d H:mm'])).toBe(wall.getTime() - 8 * 3_600_000);
      }),
    );
  });

  it('never throws on any text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const ms = readInstant(text);
        expect(ms === undefined || Number.isInteger(ms)).toBe(true);
      }),
    );
  });
});

describe('compilePattern', () => {
  it('names what is wrong with a pattern', () => {
    expect(() => compilePattern('yyyy-MM-dd QQ')).toThrow('"QQ" is not one of');
    expect(() => compilePattern('HH:mm')).toThrow('needs a year');
    expect(() => compilePattern("yyyy-MM-dd 'x")).toThrow('unclosed quote');
  });
});
