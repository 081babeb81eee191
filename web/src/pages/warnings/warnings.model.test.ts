import { describe, expect, it } from 'vitest';
import type { Me } from '../../api/auth';
import { type Warning, warningListParams } from '../../api/warnings';
import {
  COUNT_LIMIT,
  canPromote,
  countQuery,
  countWarnings,
  currentMonth,
  filterFromParams,
  listQuery,
  methodName,
  PAGE_SIZE,
  pagerTotal,
  paramsFromFilter,
  recordPath,
  stepsFor,
  termsOf,
  weekLabel,
} from './warnings.model';

const warning = (id: number, status: Warning['status'], severity: Warning['severity']): Warning => ({
  id,
  type: 'outbreak',
  situation: 'spread',
  severity,
  score: 2,
  status,
  town: { code: 't', name: '云溪镇' },
  category: null,
  place: { code: 't', name: '云溪镇' },
  department: null,
  sinceWeek: 202647,
  week: 202647,
  observed: 5,
  expected: 1.2,
  upperBound: 4,
  summary: 's',
  summaryEn: 's',
  owner: null,
  dueDay: null,
  detectedAt: '',
  createdAt: '',
  updatedAt: '',
});

const me = (permissions: string[], grants: { role: string; kind: 'town' | 'village' }[]): Me => ({
  kind: 'user',
  name: 'x',
  permissions,
  csrfToken: null,
  user: {
    id: 1,
    username: 'x',
    displayName: 'x',
    grants: grants.map((g) => ({ ...g, roleName: g.role, code: 'c', name: 'n' })),
  },
});

describe('the warnings page model', () => {
  it('reads the filters from the address and writes them back, dropping unknown values', () => {
    const filter = filterFromParams(
      new URLSearchParams('status=new,bogus,acknowledged&severity=red&type=trend&category=housing&q=%20物业%20&page=3'),
    );
    expect(filter).toEqual({
      status: ['new', 'acknowledged'],
      severity: ['red'],
      type: ['trend'],
      category: 'housing',
      place: undefined,
      q: '物业',
      page: 3,
    });
    expect(paramsFromFilter(filter).toString()).toBe(
      'status=new%2Cacknowledged&severity=red&type=trend&category=housing&q=%E7%89%A9%E4%B8%9A&page=3',
    );
    expect(filterFromParams(new URLSearchParams('page=-2')).page).toBe(1);
    expect(paramsFromFilter(filterFromParams(new URLSearchParams())).toString()).toBe('');
  });

  it('asks for the page by offset and counts without the status filter', () => {
    const filter = filterFromParams(new URLSearchParams('status=new&severity=red,orange&page=2'));
    expect(warningListParams(listQuery('330782199', filter))).toEqual({
      town: '330782199',
      status: 'new',
      severity: 'red,orange',
      type: undefined,
      category: undefined,
      place: undefined,
      q: undefined,
      limit: PAGE_SIZE,
      offset: PAGE_SIZE,
    });
    const counting = warningListParams(countQuery('330782199', filter));
    expect(counting.status).toBeUndefined();
    expect(counting.severity).toBe('red,orange');
    expect(counting.limit).toBe(COUNT_LIMIT);
    expect(counting.offset).toBeUndefined();
  });

  it('counts by status and level, and knows the pager total exactly only when every warning was read', () => {
    const counts = countWarnings({
      items: [warning(1, 'new', 'red'), warning(2, 'new', 'yellow'), warning(3, 'closed', 'yellow')],
      nextCursor: null,
    });
    expect(counts.byStatus).toEqual({ new: 2, acknowledged: 0, rectifying: 0, closed: 1, dismissed: 0 });
    expect(counts.bySeverity).toEqual({ red: 1, orange: 0, yellow: 2, blue: 0 });
    expect(counts.complete).toBe(true);
    const all = filterFromParams(new URLSearchParams());
    expect(pagerTotal(all, undefined, counts)).toBe(3);
    expect(pagerTotal(filterFromParams(new URLSearchParams('status=closed')), undefined, counts)).toBe(1);
    const partial = { ...counts, complete: false };
    const page = { items: Array.from({ length: PAGE_SIZE }, (_, i) => warning(i + 1, 'new', 'red')), nextCursor: 'c' };
    expect(pagerTotal(filterFromParams(new URLSearchParams('page=2')), page, partial)).toBe(3 * PAGE_SIZE);
    expect(pagerTotal(all, { items: page.items.slice(0, 5), nextCursor: null }, partial)).toBe(5);
  });

  it('offers the steps the status allows, and none without warnings:write', () => {
    const write = ['warnings:read', 'warnings:write'];
    expect(stepsFor('new', write)).toEqual(['acknowledge', 'dismiss']);
    expect(stepsFor('acknowledged', write)).toEqual(['rectify', 'dismiss']);
    expect(stepsFor('rectifying', write)).toEqual(['updateRectification', 'close', 'dismiss']);
    expect(stepsFor('closed', write)).toEqual(['reopen']);
    expect(stepsFor('dismissed', write)).toEqual(['reopen']);
    expect(stepsFor('new', ['warnings:read'])).toEqual([]);
  });

  it('offers the problem of the month to town-wide writers only, never for a dismissed warning', () => {
    const analyst = me(['warnings:read', 'warnings:write'], [{ role: 'analyst', kind: 'town' }]);
    expect(canPromote(analyst, 'new')).toBe(true);
    expect(canPromote(analyst, 'dismissed')).toBe(false);
    expect(
      canPromote(me(['warnings:read', 'warnings:write'], [{ role: 'village_secretary', kind: 'village' }]), 'new'),
    ).toBe(false);
    expect(canPromote(me(['warnings:read'], [{ role: 'auditor', kind: 'town' }]), 'new')).toBe(false);
  });

  it('formats weeks, months, methods, terms and record addresses', () => {
    expect(weekLabel(202607)).toBe('2026W07');
    expect(currentMonth(Date.UTC(2026, 10, 30, 17))).toBe('2026-12'); // 01:00 on 1 December in town time
    expect(methodName('farrington-noufaily', false)).toBe('Farrington（Noufaily）');
    expect(methodName('glrnb', true)).toBe('GLR negative binomial');
    expect(methodName('something-new', false)).toBe('something-new');
    expect(
      termsOf({
        terms: ['货车', '后备箱集市'],
        termDetails: [{ term: '货车', count: 6, ratio: 9.6, new: false }, 'junk'],
      }),
    ).toEqual([
      { term: '货车', count: 6, ratio: 9.6, isNew: false },
      { term: '后备箱集市', count: null, ratio: null, isNew: false },
    ]);
    expect(recordPath('complaint', 7)).toBe('/records/complaints/7');
    expect(recordPath('case', 8)).toBe('/records/cases/8');
  });
});
