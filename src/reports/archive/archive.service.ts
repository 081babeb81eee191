import { appendAudit } from '../../audit/index.js';
import { requireTownScope, type Scope, scopeOf } from '../../auth/index.js';
import { invalidField, notFound } from '../../core/errors.js';
import { parseInput } from '../../core/validation.js';
import { requireTown } from '../../records/index.js';
import { isUniqueViolation } from '../../store/dialect.js';
import type { ReportTypeName } from '../../store/tables/reports.js';
import { inTransaction } from '../../store/transaction.js';
import { type RenderedReport, type ReportFormat, renderReport } from '../document/index.js';
import { type ReportType, reportType, reportTypeNames } from '../report-types.js';
import { presentReport, presentReportDetail } from './archive.presenter.js';
import { insertReport, type ReportRow, selectLatestVersion, selectReport, selectReports } from './archive.repo.js';
import {
  type ArchiveDeps,
  type GenerateReportBody,
  generateReportSchema,
  type ListReportsQuery,
  listReportsQuerySchema,
  type Report,
  type ReportDetail,
  type ReportList,
  type ReportTriggerName,
  reportFileQuerySchema,
} from './archive.schema.js';
import { decodeDocument, encodeDocument, reportFileName } from './archive.snapshot.js';

/** What reading reports reaches: the towns the actor's reports:read holds whole (a report shows a whole town). */
function readScope(deps: ArchiveDeps): Scope {
  const scope = scopeOf(deps.actor, 'reports:read');
  return { all: scope.all, townIds: scope.townIds, villageIds: [], departmentIds: [] };
}

/** A registered report type by name, else invalid_input naming `field`. */
export function requireReportType(name: string, field = 'type'): ReportType {
  const type = reportType(name);
  if (!type) {
    throw invalidField(field, `unknown report type "${name}"; one of ${reportTypeNames().join(', ')}`);
  }
  return type;
}

/** Concurrent generations of the same report may pick the same version; the loser takes the next one. */
const VERSION_TRIES = 5;

/**
 * Build a report of a town for a period from today's data and archive it as the next version: the document exactly
 * as built (every file of this version is rendered from it) and the builder's inputs and queries. Needs
 * reports:write over the whole town; the document counts what the actor sees (the system sees everything).
 */
export async function generateReport(
  deps: ArchiveDeps,
  input: GenerateReportBody & { trigger: ReportTriggerName },
): Promise<Report> {
  const { trigger, ...body } = input;
  const q = parseInput(generateReportSchema, body);
  const type = requireReportType(q.type);
  const period = type.parsePeriod(q.period, 'period');
  const town = await requireTown(deps.db, q.town, 'town');
  requireTownScope(deps.actor, 'reports:write', town.id);
  const doc = await type.build({ db: deps.db, actor: deps.actor }, { townCode: town.code, period, locale: q.locale });
  const sources = {
    type: q.type,
    town: town.code,
    period,
    locale: q.locale,
    actor: { kind: deps.actor.kind, name: deps.actor.name },
    queries: type.queries?.(town.code, period) ?? null,
  };
  const now = (deps.now ?? Date.now)();
  const key = { townId: town.id, type: q.type as ReportTypeName, period, locale: q.locale };
  for (let attempt = 1; ; attempt += 1) {
    try {
      const id = await inTransaction(deps.db, async (trx) => {
        const version = (await selectLatestVersion(trx, key)) + 1;
        const reportId = await insertReport(trx, {
          town_id: town.id,
          type: key.type,
          period,
          locale: q.locale,
          version,
          title: `${doc.title}${doc.subtitle ?? ''}`,
          document: encodeDocument(doc),
          sources: JSON.stringify(sources),
          trigger,
          created_by: deps.actor.name,
          created_at: now,
        });
        await appendAudit(
          trx,
          deps.actor,
          {
            action: 'report.create',
            entity: 'report',
            entityId: reportId,
            townId: town.id,
            after: { type: key.type, period, locale: q.locale, version, trigger },
          },
          now,
        );
        return reportId;
      });
      return presentReport(await requireReport(deps, id));
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= VERSION_TRIES) {
        throw error;
      }
    }
  }
}

async function requireReport(deps: ArchiveDeps, id: number): Promise<ReportRow> {
  const row = await selectReport(deps.db, readScope(deps), id);
  if (!row) {
    throw notFound('report', id);
  }
  return row;
}

/** Archived reports the actor may read, newest first, with the filters (type, period, town, locale) and paging. */
export async function listReports(deps: ArchiveDeps, query: ListReportsQuery): Promise<ReportList> {
  const q = parseInput(listReportsQuerySchema, query);
  const type = q.type === undefined ? undefined : requireReportType(q.type);
  // With a type, the period is parsed by it (2025-W23 finds 2025W23); without one it is matched as written.
  const period = q.period === undefined ? undefined : type ? type.parsePeriod(q.period, 'period') : q.period.trim();
  const townId = q.town === undefined ? undefined : (await requireTown(deps.db, q.town, 'town')).id;
  const rows = await selectReports(
    deps.db,
    readScope(deps),
    { townId, type: q.type as ReportTypeName | undefined, period, locale: q.locale },
    { limit: q.limit, offset: q.offset },
  );
  const more = rows.length > q.limit;
  return {
    items: rows.slice(0, q.limit).map(presentReport),
    nextOffset: more ? q.offset + q.limit : null,
  };
}

/** One archived report with its sources and document; out of the reader's scope it is not found. */
export async function getReport(deps: ArchiveDeps, id: number): Promise<ReportDetail> {
  return presentReportDetail(await requireReport(deps, id));
}

/**
 * A file of an archived report, rendered from its stored document: the same numbers forever, whatever the data
 * does later. The file name is the report's title and period (云溪镇案件信息通报2025年第23周.docx).
 */
export async function reportFile(
  deps: ArchiveDeps,
  id: number,
  format: unknown,
): Promise<RenderedReport & { fileName: string; title: string; subtitle: string | null }> {
  const q = parseInput(reportFileQuerySchema, { format });
  const row = await requireReport(deps, id);
  const doc = decodeDocument(row.document);
  const rendered = await renderReport(doc, q.format as ReportFormat);
  return {
    ...rendered,
    fileName: reportFileName(doc, rendered.extension),
    title: doc.title,
    subtitle: doc.subtitle ?? null,
  };
}

/** A new version of an archived report from today's data; the old versions stay as they were. */
export async function regenerateReport(
  deps: ArchiveDeps,
  id: number,
  trigger: ReportTriggerName = 'manual',
): Promise<Report> {
  const row = await requireReport(deps, id);
  return generateReport(deps, {
    type: row.type,
    town: row.town_code,
    period: row.period,
    locale: row.locale,
    trigger,
  });
}
