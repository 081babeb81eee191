import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../auth/index.js';
import { isAppError } from '../../core/errors.js';
import { makeComplaintInput, seedRecordWorld, testActor, world } from '../../records/record.testing.js';
import { writeRecords } from '../../stats/stats.testing.js';
import { testDatabases, useTestStore } from '../../store/testing.js';
import { figure, paragraph, type ReportDocument } from '../document/index.js';
import { docxPart, placeholderChartPng, sampleBulletin } from '../document/testing.js';
import {
  decodeDocument,
  encodeDocument,
  generateReport,
  getReport,
  listReports,
  regenerateReport,
  reportFile,
  reportFileName,
} from './index.js';

describe('the document snapshot', () => {
  it('keeps a figure PNG byte for byte and everything else as JSON', () => {
    const png = placeholderChartPng(40, 20);
    const doc: ReportDocument = sampleBulletin({ blocks: [paragraph('甲'), figure(png, '图')] });
    const back = decodeDocument(encodeDocument(doc));
    expect(back.blocks[0]).toEqual(doc.blocks[0]);
    expect(encodeDocument(back)).toBe(encodeDocument(doc));
    const block = back.blocks[1];
    expect(block?.type === 'figure' && Buffer.from(block.png).equals(png)).toBe(true);
  });

  it('round-trips any JSON-like document', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.uint8Array({ maxLength: 50 }), (value, bytes) => {
        const doc = { ...sampleBulletin(), extra: value, blocks: [{ type: 'figure', png: bytes }] };
        const back = decodeDocument(encodeDocument(doc as unknown as ReportDocument)) as unknown as typeof doc;
        expect(Buffer.from(back.blocks[0]?.png ?? []).equals(Buffer.from(bytes))).toBe(true);
        expect(JSON.stringify(back.extra)).toEqual(JSON.stringify(JSON.parse(JSON.stringify(value))));
      }),
    );
  });

  it('names the file after the title and period, safely', () => {
    expect(reportFileName({ title: '云溪镇案件信息通报', subtitle: '（2025年第23周）' }, 'docx')).toBe(
      '云溪镇案件信息通报2025年第23周.docx',
    );
    expect(reportFileName({ title: 'Yunxi Case Bulletin', subtitle: '(Week 23, 2025)' }, 'pdf')).toBe(
      'Yunxi Case Bulletin Week 23, 2025.pdf',
    );
    expect(reportFileName({ title: 'a/b:c*?"<>|\u0000' }, 'html')).toBe('a_b_c_______.html');
    expect(reportFileName({ title: '' }, 'docx')).toBe('report.docx');
    fc.assert(
      fc.property(fc.string(), fc.option(fc.string(), { nil: undefined }), (title, subtitle) => {
        const name = reportFileName({ title, subtitle }, 'docx');
        expect(name).toMatch(/\.docx$/);
        // biome-ignore lint/suspicious/noControlCharactersInRegex: a file name must not hold control characters.
        expect(name).not.toMatch(/[\\/:*?"<>|\u0000-\u001f]/);
      }),
    );
  });
});

const W = '2025W23';
const countIn = (doc: unknown) => JSON.stringify(doc);

describe.each(testDatabases)('the report archive on %s', (dialect) => {
  const t = useTestStore(dialect);
  const system = () => ({ db: t.db, actor: systemActor('test') });

  beforeAll(async () => {
    await seedRecordWorld(t.db);
    await writeRecords(t.db, [
      { kind: 'complaint', input: makeComplaintInput() },
      { kind: 'complaint', input: makeComplaintInput({ openedAt: '2025-06-04T09:00:00+08:00' }) },
    ]);
  });

  it('archives a generated report as version 1, 2… with its document, sources and an audit entry', async () => {
    const first = await generateReport(system(), {
      type: 'weekly',
      town: world.town,
      period: '2025-W23',
      trigger: 'cli',
    });
    expect(first).toMatchObject({
      type: 'weekly',
      period: W,
      locale: 'zh-CN',
      version: 1,
      trigger: 'cli',
      createdBy: 'test',
      town: { code: world.town, name: '苏溪镇' },
      title: '苏溪镇案件信息通报（2025年第23周）',
    });
    expect(first.formats).toContain('docx');
    const second = await generateReport(system(), { type: 'weekly', town: world.town, period: W, trigger: 'manual' });
    expect(second.version).toBe(2);
    const english = await generateReport(system(), {
      type: 'weekly',
      town: world.town,
      period: W,
      locale: 'en-US',
      trigger: 'manual',
    });
    expect(english.version).toBe(1);

    const detail = await getReport(system(), first.id);
    expect(detail.document).toMatchObject({ kind: 'bulletin', title: '苏溪镇案件信息通报' });
    expect(detail.sources).toMatchObject({ type: 'weekly', town: world.town, period: W, locale: 'zh-CN' });
    expect((detail.sources.queries as { overall: { from: string } }).overall.from).toBe(W);

    const audit = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'report.create')
      .where('entity_id', '=', String(first.id))
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after ?? '{}')).toMatchObject({ type: 'weekly', period: W, version: 1, trigger: 'cli' });
  });

  it('lists with filters and pages, newest first', async () => {
    const all = await listReports(system(), { town: world.town, type: 'weekly' });
    expect(all.items.length).toBe(3);
    expect(all.items.map((r) => r.id)).toEqual([...all.items.map((r) => r.id)].sort((a, b) => b - a));
    const page = await listReports(system(), { limit: 2 });
    expect(page.items.length).toBe(2);
    expect(page.nextOffset).toBe(2);
    const rest = await listReports(system(), { limit: 2, offset: 2 });
    expect(rest.nextOffset).toBeNull();
    expect((await listReports(system(), { type: 'weekly', period: '2025-W23', locale: 'en-US' })).items.length).toBe(1);
    expect((await listReports(system(), { period: '2025W22' })).items).toEqual([]);
    expect((await listReports(system(), { town: world.otherTown })).items).toEqual([]);
  });

  it('renders the file from the snapshot: the same numbers after the data changed; regenerate takes new ones', async () => {
    const v1 = await generateReport(system(), { type: 'weekly', town: world.town, period: '2025W24', trigger: 'cli' });
    const before = await reportFile(system(), v1.id, 'docx');
    expect(before.fileName).toBe('苏溪镇案件信息通报2025年第24周.docx');
    expect(before.contentType).toMatch(/wordprocessingml/);
    const xmlBefore = docxPart(before.bytes, 'word/document.xml');
    const docBefore = countIn((await getReport(system(), v1.id)).document);

    await writeRecords(t.db, [
      ...[0, 1, 2].map(() => ({
        kind: 'complaint' as const,
        input: makeComplaintInput({ openedAt: '2025-06-10T09:00:00+08:00' }),
      })),
    ]);
    const after = await reportFile(system(), v1.id, 'docx');
    expect(docxPart(after.bytes, 'word/document.xml')).toBe(xmlBefore);
    expect(countIn((await getReport(system(), v1.id)).document)).toBe(docBefore);

    const v2 = await regenerateReport(system(), v1.id);
    expect(v2).toMatchObject({ version: 2, period: '2025W24', trigger: 'manual' });
    const docAfter = countIn((await getReport(system(), v2.id)).document);
    expect(docAfter).not.toBe(docBefore);
    // The first version is still there, unchanged.
    expect(countIn((await getReport(system(), v1.id)).document)).toBe(docBefore);
  });

  it('reads only towns held whole and writes only with reports:write over the town', async () => {
    const [report] = (await listReports(system(), { town: world.town, limit: 1 })).items;
    const id = report?.id ?? 0;
    const leader = {
      db: t.db,
      actor: await testActor(t.db, 'leader', [{ role: 'leader', kind: 'town', code: world.town }]),
    };
    expect((await getReport(leader, id)).id).toBe(id);
    const secretary = {
      db: t.db,
      actor: await testActor(t.db, 'sec', [{ role: 'village_secretary', kind: 'village', code: world.village }]),
    };
    expect((await listReports(secretary, {})).items).toEqual([]);
    await expect(getReport(secretary, id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(reportFile(secretary, id, 'docx')).rejects.toMatchObject({ code: 'not_found' });
    const other = {
      db: t.db,
      actor: await testActor(t.db, 'other', [{ role: 'analyst', kind: 'town', code: world.otherTown }]),
    };
    expect((await listReports(other, {})).items).toEqual([]);
    await expect(
      generateReport(other, { type: 'weekly', town: world.town, period: W, trigger: 'manual' }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    const auditor = {
      db: t.db,
      actor: await testActor(t.db, 'auditor', [{ role: 'auditor', kind: 'town', code: world.town }]),
    };
    await expect(regenerateReport(auditor, id)).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('refuses bad input naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ type: 'yearly', town: world.town, period: W }, 'type'],
      [{ type: 'weekly', town: world.town, period: '2025W60' }, 'period'],
      [{ type: 'weekly', town: 'nowhere', period: W }, 'town'],
      [{ type: 'weekly', town: world.village, period: W }, 'town'],
      [{ type: 'weekly', town: world.town, period: W, locale: 'fr-FR' }, 'locale'],
      [{ type: 'weekly', town: world.town, period: W, extra: 1 }, '(input)'],
    ];
    for (const [input, field] of cases) {
      const error = await generateReport(system(), {
        ...(input as { type: string; town: string; period: string }),
        trigger: 'cli',
      }).catch((e: unknown) => e);
      expect(isAppError(error) && error.code, JSON.stringify(input)).toBe('invalid_input');
      const paths = isAppError(error) ? (error.details?.issues ?? []).map((i) => i.path) : [];
      expect(paths, JSON.stringify(input)).toContain(field);
    }
    await expect(reportFile(system(), 1, 'odt')).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(listReports(system(), { type: 'yearly' })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(getReport(system(), 999_999)).rejects.toMatchObject({ code: 'not_found' });
  });
});
