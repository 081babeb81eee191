import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IntakeLookups, TownLookups } from './lookups.js';
import { loadProfile } from './profile.service.js';
import { compileMapper } from './row-mapper.js';

/** Lookups of one town with a village, a group, a department and two categories, as loadIntakeLookups builds them. */
function lookups(): IntakeLookups {
  const town: TownLookups = {
    id: 1,
    code: '330782100',
    name: '苏溪镇',
    places: new Map([
      ['330782100201', '330782100201'],
      ['苏华村', '330782100201'],
      ['苏华村第一组', '330782100201-01'],
    ]),
    placeIds: new Map([
      ['330782100201', 10],
      ['330782100201-01', 11],
    ]),
    departments: new Map([['市场监管所', 'market']]),
    departmentIds: new Map([['market', 20]]),
  };
  return {
    townKeys: new Map([
      ['330782100', '330782100'],
      ['苏溪镇', '330782100'],
    ]),
    towns: new Map([[town.code, town]]),
    categoryByCode: new Map([
      ['city.vending', 'city.vending'],
      ['other.unclassified', 'other.unclassified'],
    ]),
    categoryByPath: new Map([['市容环境/占道经营', 'city.vending']]),
    categoryByName: new Map([['占道经营', 'city.vending']]),
    categoryIds: new Map([
      ['city.vending', 100],
      ['other.unclassified', 101],
    ]),
    unclassifiedCode: 'other.unclassified',
    enterprises: new Map(),
  };
}

const workOrders = loadProfile('12345-work-orders', undefined).profile;
const header = workOrders.columns.map((c) => c.header);
const at = (header: string) => workOrders.columns.findIndex((c) => c.header === header);

describe('compileMapper', () => {
  it('maps a 12345 row to record input: names to codes, words to enums, dates to instants', () => {
    const mapper = compileMapper(workOrders, header, lookups());
    const cells: (string | Date | null)[] = header.map(() => null);
    cells[at('工单编号')] = 'GD1';
    cells[at('所属镇街')] = '苏溪镇';
    cells[at('来电时间')] = new Date(Date.UTC(2025, 5, 3, 9, 5, 7));
    cells[at('所属村社')] = ' 苏华村第一组 ';
    cells[at('问题分类')] = '市容环境/占道经营';
    cells[at('办理状态')] = '已办结';
    cells[at('承办单位')] = '市场监管所';
    cells[at('是否疑难')] = '是';
    const row = mapper.map(cells);
    expect(row.rejects).toEqual([]);
    expect(row.input).toMatchObject({
      externalNo: 'GD1',
      openedAt: Date.parse('2025-06-03T09:05:07+08:00'),
      townCode: '330782100',
      placeCode: '330782100201-01',
      categoryCode: 'city.vending',
      status: 'closed',
      departmentCode: 'market',
      difficult: true,
      sourceSystem: '12345',
    });
  });

  it('keeps a row whose category or place matches nothing, with warnings naming the column', () => {
    const mapper = compileMapper(workOrders, header, lookups());
    const cells: string[] = header.map(() => '');
    cells[at('工单编号')] = 'GD2';
    cells[at('所属镇街')] = '330782100';
    cells[at('来电时间')] = '2025-06-03 09:05:07';
    cells[at('所属村社')] = '无名村';
    cells[at('问题分类')] = '不存在/的分类';
    const row = mapper.map(cells);
    expect(row.rejects).toEqual([]);
    expect(row.input.categoryCode).toBe('other.unclassified');
    expect(row.input.placeCode).toBeUndefined();
    expect(row.warnings.map((w) => w.column)).toEqual(['所属村社', '问题分类']);
  });

  it('rejects unreadable cells naming the column, and masks personal data it quotes', () => {
    const mapper = compileMapper(workOrders, header, lookups());
    const cells: string[] = header.map(() => '');
    cells[at('工单编号')] = 'GD3';
    cells[at('所属镇街')] = '苏溪镇';
    cells[at('来电时间')] = '昨天';
    cells[at('办理状态')] = '搞定了';
    const row = mapper.map(cells);
    expect(row.rejects.map((r) => r.column)).toEqual(['来电时间', '办理状态']);
    cells[at('联系电话')] = '13812345678';
    expect(mapper.quote('complainantPhone', cells)).toBe('138****5678');
  });

  it('masks a personal cell in the reason of a cell it cannot read, as in the value beside it', () => {
    // A custom profile that reads the phone as a whole number: the reader's reason quotes the cell.
    const columns = workOrders.columns.map((c) =>
      c.field === 'complainantPhone' ? { ...c, format: { type: 'integer' as const } } : c,
    );
    const mapper = compileMapper({ ...workOrders, columns }, header, lookups());
    const cells: (string | Date | null)[] = header.map(() => null);
    cells[at('工单编号')] = 'GD9';
    cells[at('所属镇街')] = '苏溪镇';
    cells[at('联系电话')] = '138-1234-5678';
    const reject = mapper.map(cells).rejects.find((r) => r.column === '联系电话');
    expect(reject?.value).toBe('138****5678');
    expect(reject?.reason).toContain('138****5678');
    expect(JSON.stringify(reject)).not.toContain('1234');
  });

  it('never throws on random cells: every row maps or carries its reasons', () => {
    const mapper = compileMapper(workOrders, header, lookups());
    const cell = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.date());
    fc.assert(
      fc.property(fc.array(cell, { minLength: 0, maxLength: header.length + 3 }), (cells) => {
        const row = mapper.map(cells);
        for (const issue of [...row.rejects, ...row.warnings]) {
          expect(issue.reason.length).toBeGreaterThan(0);
        }
      }),
    );
  });
});
