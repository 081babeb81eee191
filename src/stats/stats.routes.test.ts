import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeCaseInput, makeComplaintInput, seedRecordWorld, world } from '../records/record.testing.js';
import { useTestApp } from '../server/testing.js';
import { testDatabases } from '../store/testing.js';
import { MEASURE_NAMES } from './stats.measures.js';
import { RECORD_FLAGS, STATS_DIMENSIONS } from './stats.schema.js';
import { writeRecords } from './stats.testing.js';

const PARAMS = [
  'town',
  'period',
  'from',
  'to',
  'measures',
  'by',
  'compare',
  'top',
  'share',
  'category',
  'place',
  'department',
  'source',
  'kind',
];
const RECORD_PARAMS = ['category1', 'category2', 'category3', 'village', 'group', 'flag', 'limit', 'offset', 'cursor'];

/** Values a parameter may plausibly get, and garbage. */
const value = fc.oneof(
  fc.constantFrom(world.town, world.village, world.group, world.city, 'labour', 'labour.illegal_employment'),
  fc.constantFrom('week', 'month', 'quarter', 'year', 'day', '2025W23', '2025-06', '2025Q2', '2025', '2025W53', '1900'),
  fc.constantFrom(...MEASURE_NAMES, ...STATS_DIMENSIONS, ...RECORD_FLAGS, 'yoy', 'pop', 'yoy,pop', 'village,kind'),
  fc.constantFrom('true', 'false', '0', '3', '-1', '1e9', '', '_unknown', '_none', 'web', 'case', 'complaint'),
  fc.string({ maxLength: 30 }),
);

function url(path: string, pairs: readonly (readonly [string, string])[]): string {
  const query = pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
  return query ? `${path}?${query}` : path;
}

describe.each(testDatabases)('/api/stats on %s', (dialect) => {
  const t = useTestApp(dialect);
  beforeAll(async () => {
    await seedRecordWorld(t.db);
    await writeRecords(t.db, [
      {
        kind: 'complaint',
        input: makeComplaintInput({ openedAt: '2025-06-02T09:00:00+08:00', departmentCode: 'labour' }),
      },
      {
        kind: 'complaint',
        input: makeComplaintInput({ openedAt: '2024-06-05T09:00:00+08:00', placeCode: world.group }),
      },
      { kind: 'case', input: makeCaseInput({ openedAt: '2025-06-03T10:00:00+08:00', difficult: true }) },
    ]);
  });

  it('answers the numbers with the query echoed and the cuboid read', async () => {
    const response = await t.app.inject({
      url: url('/api/stats', [
        ['town', world.town],
        ['from', '2025-06'],
        ['to', '2025-06'],
        ['by', 'village'],
        ['measures', 'records,difficult'],
        ['compare', 'yoy'],
        ['share', 'true'],
      ]),
    });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.query).toMatchObject({
      town: world.town,
      period: 'month',
      from: '2025-06',
      to: '2025-06',
      by: ['village'],
    });
    expect(body.cuboid).toBe(3);
    expect(body.asOf).toMatch(/\+08:00$/);
    expect(body.rows).toEqual([
      expect.objectContaining({
        keys: { village: expect.objectContaining({ code: world.village, name: '苏华村' }) },
        values: { records: 1, difficult: 0 },
        share: { records: 0.5, difficult: 0 },
      }),
      expect.objectContaining({
        keys: { village: expect.objectContaining({ code: world.otherVillage }) },
        values: { records: 1, difficult: 1 },
      }),
    ]);
    expect(body.rows[0].yoy).toEqual({
      period: '2024-06',
      values: { records: 1, difficult: 0 },
      change: { records: 0, difficult: null },
    });
  });

  it('documents its endpoints in OpenAPI', async () => {
    const docs = await t.app.inject({ url: '/api/docs/json' });
    expect(docs.statusCode, docs.body).toBe(200);
    const paths = Object.keys(docs.json().paths);
    expect(paths).toEqual(
      expect.arrayContaining(['/api/stats', '/api/stats/records', '/api/stats.csv', '/api/stats.xlsx']),
    );
    expect(JSON.stringify(docs.json().paths['/api/stats'])).toContain('measures');
  });

  it('lists the records behind a number', async () => {
    const response = await t.app.inject({
      url: url('/api/stats/records', [
        ['flag', 'difficult'],
        ['from', '2025-06'],
        ['to', '2025-06'],
      ]),
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().items).toEqual([expect.objectContaining({ kind: 'case', difficult: true })]);
  });

  it('exports CSV with a BOM and XLSX, the query written at the top in Chinese', async () => {
    const query: [string, string][] = [
      ['town', world.town],
      ['from', '2025-06'],
      ['to', '2025-06'],
      ['by', 'kind'],
      ['measures', 'records,responseRate,handlingMedian'],
      ['compare', 'yoy'],
    ];
    const csv = await t.app.inject({ url: url('/api/stats.csv', query) });
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain('stats-month-2025-06-2025-06.csv');
    const lines = csv.body.split('\r\n');
    expect(lines[0]).toBe('\ufeff善治统计：记录数、响应率、处置时长中位数（小时），按 类型');
    expect(lines[1]).toBe('数据范围：全部数据');
    expect(lines[2]).toBe(`筛选：镇街 苏溪镇（${world.town}）`);
    expect(lines[3]).toBe('周期：月；范围：2025-06 至 2025-06；比较：同比');
    expect(lines[4]).toMatch(/^数据截至：\d{4}-\d\d-\d\d \d\d:\d\d:\d\d；生成时间：/);
    expect(lines[6]).toBe(
      '月,类型,记录数,响应率,处置时长中位数（小时）,同比周期,记录数（去年同期）,记录数同比变化,响应率（去年同期）,响应率同比变化（百分点）,处置时长中位数（小时）（去年同期）,处置时长中位数（小时）同比变化',
    );
    expect(lines[7]).toBe('2025-06,投诉举报,1,0.00%,,2024-06,1,0.00%,0.00%,0.00,,');
    expect(lines[9]).toBe('2025-06,合计,2,0.00%,,2024-06,1,100.00%,0.00%,0.00,,');

    const xlsx = await t.app.inject({ url: url('/api/stats.xlsx', query) });
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet?.getCell('A1').value).toBe('善治统计：记录数、响应率、处置时长中位数（小时），按 类型');
    expect(sheet?.getRow(8).values).toEqual([undefined, '2025-06', '投诉举报', 1, 0, undefined, '2024-06', 1, 0, 0, 0]);
    expect(sheet?.getCell('D8').numFmt).toBe('0.00%');
  });

  it('refuses bad queries with 422 naming the parameter', async () => {
    for (const [pairs, field] of [
      [[['by', 'street']], 'by'],
      [[['from', '2025W01']], 'from'],
      [[['measures', 'count']], 'measures'],
      [
        [
          ['top', '0'],
          ['by', 'kind'],
        ],
        'top',
      ],
      [[['share', 'perhaps']], 'share'],
      [[['period', 'day']], 'period'],
      [[['kind', 'petition']], 'kind'],
    ] as [[string, string][], string][]) {
      const response = await t.app.inject({ url: url('/api/stats', pairs) });
      expect(response.statusCode, JSON.stringify(pairs)).toBe(422);
      expect(response.json().error.details.issues[0].path, JSON.stringify(pairs)).toBe(field);
    }
    const unknown = await t.app.inject({ url: url('/api/stats', [['mesures', 'records']]) });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error.message).toContain('mesures');
  });

  for (const [path, params] of [
    ['/api/stats', PARAMS],
    [
      '/api/stats/records',
      [...PARAMS.filter((p) => !['measures', 'by', 'compare', 'top', 'share'].includes(p)), ...RECORD_PARAMS],
    ],
    ['/api/stats.csv', PARAMS],
  ] as const) {
    it(`never answers 5xx to random query strings on ${path}`, async () => {
      const answered = { ok: 0, refused: 0 };
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.tuple(
              fc.oneof({ arbitrary: fc.constantFrom(...params), weight: 9 }, fc.string({ maxLength: 8 })),
              value,
            ),
            { maxLength: 6 },
          ),
          async (pairs) => {
            const response = await t.app.inject({ url: url(path, pairs) });
            expect(response.statusCode, `${url(path, pairs)} ${response.body}`).toBeLessThan(500);
            answered[response.statusCode === 200 ? 'ok' : 'refused'] += 1;
            if (response.statusCode !== 200) {
              expect([400, 422]).toContain(response.statusCode);
              const error = response.json().error;
              expect(error.message.length).toBeGreaterThan(0);
            }
          },
        ),
        { numRuns: 150 },
      );
      // The fuzzing reached both the answers and the refusals.
      expect(answered.ok).toBeGreaterThan(0);
      expect(answered.refused).toBeGreaterThan(0);
    });
  }
});
