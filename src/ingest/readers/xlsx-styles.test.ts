import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDateFormatCode, serialToDate } from './xlsx-styles.js';

const wall = (text: string) => new Date(`${text}Z`);

describe('date number formats', () => {
  it('takes codes with date or time letters outside quotes, brackets and escapes for dates', () => {
    const dates = [
      'yyyy-mm-dd hh:mm:ss',
      'yyyy/m/d h:mm',
      'YYYY-MM-DD',
      'yyyy"年"m"月"d"日"',
      '[$-804]yyyy"年"m"月"d"日";@',
      '[DBNum1][$-804]yyyy"年"m"月"d"日"',
      'h:mm AM/PM',
      '[h]:mm:ss',
      'mm:ss.0',
      '[Red]dd/mm/yyyy',
      'd-mmm-yy',
    ];
    const numbers = [
      'General',
      '0.00',
      '#,##0.00_);[Red](#,##0.00)',
      '0.00"天数"',
      '"yyyy"0',
      '\\d0',
      '_(* #,##0_)',
      '[h]',
      '0.00E+00',
      '@',
      '[$¥-804]#,##0.00',
      '',
    ];
    expect(dates.filter((code) => !isDateFormatCode(code))).toEqual([]);
    expect(numbers.filter((code) => isDateFormatCode(code))).toEqual([]);
  });
});

describe('serial day numbers', () => {
  it('reads the 1900 system with its leap-year bug, and the 1904 system, as wall-clock Dates', () => {
    expect(serialToDate(1, false)).toEqual(wall('1900-01-01T00:00:00'));
    expect(serialToDate(59, false)).toEqual(wall('1900-02-28T00:00:00'));
    expect(serialToDate(61, false)).toEqual(wall('1900-03-01T00:00:00'));
    expect(serialToDate(45_812.5, false)).toEqual(wall('2025-06-04T12:00:00'));
    expect(serialToDate(0.25, false)).toEqual(wall('1899-12-31T06:00:00'));
    expect(serialToDate(0, true)).toEqual(wall('1904-01-01T00:00:00'));
    expect(serialToDate(44_350.5, true)).toEqual(wall('2025-06-04T12:00:00'));
    expect(serialToDate(1e20, false)).toBeUndefined();
  });

  it('gives back, to the millisecond, any Date exceljs writes as a serial (its formula, from 1900-03-01 on)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: wall('1900-03-01T00:00:00'), max: wall('9999-12-31T23:59:59'), noInvalidDate: true }),
        (date) => {
          const serial = 25_569 + date.getTime() / 86_400_000;
          expect(serialToDate(serial, false)).toEqual(date);
          expect(serialToDate(serial - 1462, true)).toEqual(date);
        },
      ),
    );
  });
});
