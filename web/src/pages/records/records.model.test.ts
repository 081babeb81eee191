import { describe, expect, it } from 'vitest';
import type { CategoryNode } from '../../api/categories';
import type { AnyRecord } from '../../api/records';
import {
  activeFilters,
  categoryPath,
  flagCount,
  kpiLink,
  periodDays,
  periodKindOf,
  readFilter,
  reasonProblem,
  removeFilter,
  searchQuery,
  statsRecordsQuery,
  timeline,
  writeFilter,
} from './records.model';

const read = (query: string) => readFilter(new URLSearchParams(query));

describe('the records page state in the address', () => {
  it('reads filters, leaving out malformed values, and writes them back without defaults', () => {
    const filter = read('tab=cases&q=%20噪声%20&category=labour&difficult=true&from=2026-11-01&to=bad&page=3&size=50');
    expect(filter).toMatchObject({
      tab: 'cases',
      q: '噪声',
      category: 'labour',
      difficult: true,
      from: '2026-11-01',
      to: undefined,
      page: 3,
      size: 50,
      order: 'desc',
    });
    expect(read('tab=x&page=-2&size=7&flag=nosuch&period=2026-13&difficult=maybe')).toMatchObject({
      tab: 'complaints',
      page: 1,
      size: 20,
      flag: undefined,
      period: undefined,
      difficult: undefined,
    });
    expect(writeFilter(filter).toString()).toBe(
      'tab=cases&from=2026-11-01&q=%E5%99%AA%E5%A3%B0&category=labour&difficult=true&page=3&size=50',
    );
    expect(readFilter(writeFilter(filter))).toEqual(filter);
  });

  it('lists the set filters as tags and removes one, back on page 1', () => {
    const filter = read('tab=complaints&period=2026-11&flag=overdue&place=v1&from=2026-11-02&page=4');
    expect(activeFilters(filter)).toEqual(['flag', 'period', 'range', 'place']);
    const without = removeFilter(filter, 'range');
    expect(without).toMatchObject({ from: undefined, to: undefined, page: 1, place: 'v1', flag: 'overdue' });
    expect(activeFilters(removeFilter(without, 'flag'))).toEqual(['period', 'place']);
  });
});

describe('periods and days', () => {
  it('knows the kinds of stats periods', () => {
    expect(['2026W47', '2026-11', '2026Q4', '2026', '2026W54', '2026-00', 'x'].map(periodKindOf)).toEqual([
      'week',
      'month',
      'quarter',
      'year',
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('turns a period into its days', () => {
    expect(periodDays('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(periodDays('2026Q4')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(periodDays('2025')).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    // ISO weeks: 2025W01 starts on Monday 30 December 2024; 2026W53 ends on Sunday 3 January 2027.
    expect(periodDays('2025W01')).toEqual({ from: '2024-12-30', to: '2025-01-05' });
    expect(periodDays('2026W53')).toEqual({ from: '2026-12-28', to: '2027-01-03' });
    expect(periodDays('2025W23')).toEqual({ from: '2025-06-02', to: '2025-06-08' });
  });
});

describe('the queries', () => {
  it('asks the record search for one page with its total; explicit days win over the period', () => {
    const filter = read('tab=complaints&period=2026-11&q=油烟&status=closed&department=labour&page=3&size=50');
    expect(searchQuery(filter, '330782199')).toEqual({
      town: '330782199',
      q: '油烟',
      category: undefined,
      place: undefined,
      department: 'labour',
      status: 'closed',
      difficult: undefined,
      from: '2026-11-01',
      to: '2026-11-30',
      order: 'desc',
      limit: 50,
      offset: 100,
      total: true,
    });
    expect(searchQuery({ ...filter, from: '2026-11-05' }, undefined)).toMatchObject({
      from: '2026-11-05',
      to: undefined,
      department: undefined,
    });
    // The other tab only needs its count: no status (another kind's), one row.
    expect(searchQuery(filter, 'T', 'cases')).toMatchObject({ status: undefined, limit: 1, offset: 0, total: true });
  });

  it('asks the records behind a stats number for a flag, by the stats period', () => {
    const filter = read('tab=cases&flag=overdue&period=2026W47&place=v1&page=2');
    expect(statsRecordsQuery({ ...filter, flag: 'overdue' }, 'T')).toEqual({
      town: 'T',
      period: 'week',
      from: '2026W47',
      to: '2026W47',
      category: undefined,
      place: 'v1',
      department: undefined,
      kind: 'case',
      flag: 'overdue',
      limit: 20,
      offset: 20,
    });
  });

  it('counts a flag per kind from the stats rows, derived flags as a difference', () => {
    const rows = [
      {
        period: '2026-10',
        keys: { kind: { code: 'complaint' } },
        values: { responseDue: 10, responded: 7, overdue: 2 },
      },
      {
        period: '2026-11',
        keys: { kind: { code: 'complaint' } },
        values: { responseDue: 5, responded: 5, overdue: 1 },
      },
      { period: '2026-11', keys: { kind: { code: 'case' } }, values: { responseDue: 0, responded: 0, overdue: 4 } },
    ];
    expect(flagCount(rows, 'unresponded', 'complaint')).toBe(3);
    expect(flagCount(rows, 'overdue', 'complaint')).toBe(3);
    expect(flagCount(rows, 'overdue', 'case')).toBe(4);
  });

  it('links each overview card to the records behind it', () => {
    expect(kpiLink('complaints', '2026-11', { category: 'labour' })).toBe(
      '/records?tab=complaints&period=2026-11&category=labour',
    );
    expect(kpiLink('cases', '2026W47', {})).toBe('/records?tab=cases&period=2026W47');
    expect(kpiLink('difficult', '2026-11', { place: 'v1' })).toBe(
      '/records?tab=complaints&period=2026-11&place=v1&difficult=true',
    );
    expect(kpiLink('overdue', '2026-11', {})).toBe('/records?tab=complaints&flag=overdue&period=2026-11');
    expect(kpiLink('satisfactionRate', '2026Q4', {})).toContain('flag=dissatisfied');
  });
});

const tree: CategoryNode[] = [
  {
    code: 'labour',
    name: '劳动保障',
    nameEn: 'Labour',
    level: 1,
    parentCode: null,
    path: ['labour'],
    sortOrder: 1,
    retired: false,
    children: [
      {
        code: 'labour.wage',
        name: '欠薪',
        nameEn: 'Wages',
        level: 2,
        parentCode: 'labour',
        path: ['labour', 'labour.wage'],
        sortOrder: 1,
        retired: false,
        children: [],
      },
    ],
  },
];

describe('a record', () => {
  it('finds the path of its category', () => {
    expect(categoryPath(tree, 'labour.wage').map((node) => node.name)).toEqual(['劳动保障', '欠薪']);
    expect(categoryPath(tree, 'nosuch')).toEqual([]);
  });

  it('draws its history as a timeline, oldest first', () => {
    const record = {
      kind: 'complaint',
      openedAt: '2025-06-02T09:30:00.000+08:00',
      openedAtMs: 1000,
      firstResponseAt: '2025-06-02T15:00:00.000+08:00',
      firstResponseAtMs: 2000,
      deadlineAt: '2025-06-05T09:30:00.000+08:00',
      deadlineAtMs: 4000,
      closedAt: '2025-06-06T09:30:00.000+08:00',
      closedAtMs: 5000,
      overdue: true,
      reopenCount: 1,
      history: [
        {
          changedAt: '2025-06-06T09:30:00.000+08:00',
          changedAtMs: 5000,
          origin: 'api',
          changes: { status: { from: 'responded', to: 'closed' } },
        },
        {
          changedAt: '2025-06-02T10:00:00.000+08:00',
          changedAtMs: 1500,
          origin: 'import',
          changes: { department: { changed: true } },
        },
      ],
    } as unknown as AnyRecord;
    const events = timeline(record);
    expect(events.map((event) => event.kind)).toEqual([
      'received',
      'changed',
      'responded',
      'deadline',
      'changed',
      'closed',
      'reopened',
    ]);
    expect(events[0]?.at).toBe('2025-06-02 09:30');
    expect(events.find((event) => event.kind === 'closed')?.late).toBe(true);
    expect(events.at(-1)?.at).toBeNull();
  });

  it('checks a reason for unmasking as the API does', () => {
    expect(reasonProblem(' ab ')).toBe('short');
    expect(reasonProblem('回访核实')).toBeUndefined();
    expect(reasonProblem('x'.repeat(201))).toBe('long');
  });
});
