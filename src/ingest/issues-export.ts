import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Db } from '../store/database.js';
import { listIssues } from './import.repo.js';
import type { ImportBatch } from './import.schema.js';

/*
 * The issues of an import batch as a file people open in Excel: CSV (UTF-8 with BOM, which Excel needs to read
 * Chinese) or XLSX, streamed page by page from the store, with the batch written at the top.
 */

const PAGE = 2_000;
const HEADER = ['行号', '列', '值', '原因', '级别', '文件'];
const SEVERITY_ZH = { reject: '拒收', warning: '警告' } as const;

async function* issueRows(db: Db, batchId: number, severity: 'reject' | 'warning') {
  let after: number | undefined;
  for (;;) {
    const page = await listIssues(db, batchId, { severity, limit: PAGE, afterId: after });
    for (const issue of page) {
      yield [
        issue.line,
        issue.column_name ?? '',
        issue.value ?? '',
        issue.reason,
        SEVERITY_ZH[issue.severity],
        issue.file,
      ];
    }
    if (page.length < PAGE) {
      return;
    }
    after = page[page.length - 1]?.id;
  }
}

function titleLines(batch: ImportBatch, severity: 'reject' | 'warning'): string[][] {
  return [
    [`导入批次 ${batch.id}：${batch.fileName}（配置 ${batch.profile}，来源 ${batch.sourceSystem}）`],
    [`${severity === 'reject' ? '拒收的行' : '带警告导入的行'}；开始于 ${batch.startedAt}，状态 ${batch.status}`],
    [],
  ];
}

function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function issuesCsv(db: Db, batch: ImportBatch, severity: 'reject' | 'warning'): Readable {
  const out = new PassThrough();
  (async () => {
    out.write('\ufeff');
    for (const line of [...titleLines(batch, severity), HEADER]) {
      out.write(`${line.map(csvField).join(',')}\r\n`);
    }
    for await (const row of issueRows(db, batch.id, severity)) {
      if (!out.write(`${row.map(csvField).join(',')}\r\n`)) {
        await new Promise((resolve) => out.once('drain', resolve));
      }
    }
    out.end();
  })().catch((error: unknown) => out.destroy(error as Error));
  return out;
}

export function issuesXlsx(db: Db, batch: ImportBatch, severity: 'reject' | 'warning'): Readable {
  const out = new PassThrough();
  (async () => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
    const sheet = workbook.addWorksheet(severity === 'reject' ? '拒收' : '警告');
    sheet.columns = [{ width: 8 }, { width: 16 }, { width: 30 }, { width: 60 }, { width: 8 }, { width: 30 }];
    for (const line of titleLines(batch, severity)) {
      sheet.addRow(line).commit();
    }
    const header = sheet.addRow(HEADER);
    header.font = { bold: true };
    header.commit();
    for await (const row of issueRows(db, batch.id, severity)) {
      sheet.addRow(row).commit();
    }
    sheet.commit();
    await workbook.commit();
  })().catch((error: unknown) => out.destroy(error as Error));
  return out;
}
