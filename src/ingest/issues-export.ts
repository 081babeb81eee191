import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Db } from '../store/database.js';
import { issueReason } from './import.presenter.js';
import { listIssues } from './import.repo.js';
import type { ImportBatch } from './import.schema.js';
import type { IssueLocale } from './issue-text.js';

/*
 * The issues of an import batch as a file people open in Excel: CSV (UTF-8 with BOM, which Excel needs to read
 * Chinese) or XLSX, streamed page by page from the store, with the batch written at the top; in Chinese, or in
 * English when asked (`locale`), reasons included.
 */

const PAGE = 2_000;
const WORDS = {
  'zh-CN': {
    header: ['行号', '列', '值', '原因', '级别', '文件'],
    severity: { reject: '拒收', warning: '警告' },
    sheet: { reject: '拒收', warning: '警告' },
    title: (batch: ImportBatch) =>
      `导入批次 ${batch.id}：${batch.fileName}（配置 ${batch.profile}，来源 ${batch.sourceSystem}）`,
    subtitle: (batch: ImportBatch, severity: 'reject' | 'warning') =>
      `${severity === 'reject' ? '拒收的行' : '带警告导入的行'}；开始于 ${batch.startedAt}，状态 ${batch.status}`,
  },
  'en-US': {
    header: ['Line', 'Column', 'Value', 'Reason', 'Severity', 'File'],
    severity: { reject: 'rejected', warning: 'warning' },
    sheet: { reject: 'Rejected', warning: 'Warnings' },
    title: (batch: ImportBatch) =>
      `Import batch ${batch.id}: ${batch.fileName} (profile ${batch.profile}, source ${batch.sourceSystem})`,
    subtitle: (batch: ImportBatch, severity: 'reject' | 'warning') =>
      `${severity === 'reject' ? 'Rejected rows' : 'Rows imported with warnings'}; started ${batch.startedAt}, status ${batch.status}`,
  },
} as const;

async function* issueRows(db: Db, batchId: number, severity: 'reject' | 'warning', locale: IssueLocale) {
  let after: number | undefined;
  for (;;) {
    const page = await listIssues(db, batchId, { severity, limit: PAGE, afterId: after });
    for (const issue of page) {
      yield [
        issue.line,
        issue.column_name ?? '',
        issue.value ?? '',
        issueReason(issue, locale),
        WORDS[locale].severity[issue.severity],
        issue.file,
      ];
    }
    if (page.length < PAGE) {
      return;
    }
    after = page[page.length - 1]?.id;
  }
}

function titleLines(batch: ImportBatch, severity: 'reject' | 'warning', locale: IssueLocale): string[][] {
  return [[WORDS[locale].title(batch)], [WORDS[locale].subtitle(batch, severity)], []];
}

function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function issuesCsv(
  db: Db,
  batch: ImportBatch,
  severity: 'reject' | 'warning',
  locale: IssueLocale = 'zh-CN',
): Readable {
  const out = new PassThrough();
  (async () => {
    out.write('\ufeff');
    for (const line of [...titleLines(batch, severity, locale), [...WORDS[locale].header]]) {
      out.write(`${line.map(csvField).join(',')}\r\n`);
    }
    for await (const row of issueRows(db, batch.id, severity, locale)) {
      if (!out.write(`${row.map(csvField).join(',')}\r\n`)) {
        await new Promise((resolve) => out.once('drain', resolve));
      }
    }
    out.end();
  })().catch((error: unknown) => out.destroy(error as Error));
  return out;
}

export function issuesXlsx(
  db: Db,
  batch: ImportBatch,
  severity: 'reject' | 'warning',
  locale: IssueLocale = 'zh-CN',
): Readable {
  const out = new PassThrough();
  (async () => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
    const sheet = workbook.addWorksheet(WORDS[locale].sheet[severity]);
    sheet.columns = [{ width: 8 }, { width: 16 }, { width: 30 }, { width: 60 }, { width: 8 }, { width: 30 }];
    for (const line of titleLines(batch, severity, locale)) {
      sheet.addRow(line).commit();
    }
    const header = sheet.addRow([...WORDS[locale].header]);
    header.font = { bold: true };
    header.commit();
    for await (const row of issueRows(db, batch.id, severity, locale)) {
      sheet.addRow(row).commit();
    }
    sheet.commit();
    await workbook.commit();
  })().catch((error: unknown) => out.destroy(error as Error));
  return out;
}
