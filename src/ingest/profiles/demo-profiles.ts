import {
  type ColumnSpec,
  type DemoFileProfile,
  demoFileProfiles,
  LEDGER_SOURCE_SYSTEM,
  WORK_ORDER_SOURCE_SYSTEM,
} from '../../demo/export/index.js';
import type { CellFormatInput, ProfileInput } from '../profile.schema.js';

/*
 * The intake profiles of the demo town's export files, derived from the columns the exporter writes: each export
 * format read backwards (a word → code dictionary becomes a code ← word map). scripts/gen-intake-profiles.ts writes
 * them as the JSON files next to this one, which is what the importer loads.
 */

type ExportFormat = ColumnSpec['format'];

/** The intake format reading what an export format wrote; undefined for columns intake does not read. */
function intakeFormat(format: ExportFormat): CellFormatInput {
  switch (format.type) {
    case 'text':
    case 'integer':
    case 'degrees':
    case 'yuan':
      return { type: format.type };
    case 'excel_datetime':
      return { type: 'datetime' };
    case 'text_datetime':
      return { type: 'datetime', patterns: [format.pattern] };
    case 'enum':
      return {
        type: 'enum',
        map: Object.fromEntries(Object.entries(format.values).map(([code, word]) => [word, code])),
      };
    case 'boolean':
      return { type: 'boolean', yes: [format.yes], no: [format.no] };
    case 'category_path':
      return { type: 'category', match: 'path', separator: format.separator };
    case 'category_name':
      return { type: 'category', match: 'name' };
    case 'place_label':
      return { type: 'place' };
    case 'town_name':
      return { type: 'town' };
    case 'department_name':
      return { type: 'department' };
  }
}

/** Fields of the export that are for people, not records (enterprise names beside the credit code, links). */
const NOT_RECORD_FIELDS = new Set(['enterpriseName', 'repeatOfExternalNo']);

function fromExport(file: DemoFileProfile, name: string, title: string, description: string): ProfileInput {
  return {
    name,
    title,
    description,
    kind: file.recordKind ?? 'complaint',
    sourceSystem: file.sourceSystem ?? 'import',
    ...(file.recordKind === 'case' ? { complaintSourceSystem: WORK_ORDER_SOURCE_SYSTEM } : {}),
    timeZone: 'Asia/Shanghai',
    encoding: 'auto',
    defaults: {},
    columns: file.columns
      .filter((c) => !NOT_RECORD_FIELDS.has(c.field))
      .map((c) => ({ header: c.header, field: c.field, format: intakeFormat(c.format) })),
  };
}

export function demoIntakeProfiles(): ProfileInput[] {
  const files = demoFileProfiles();
  const file = (source: string) =>
    files.find((f) => f.sourceSystem === source && f.format !== 'json') as DemoFileProfile;
  return [
    fromExport(
      file(WORK_ORDER_SOURCE_SYSTEM),
      '12345-work-orders',
      '12345 热线工单导出',
      '12345 热线平台的工单导出（XLSX 或另存的 CSV）：工单编号为键，问题分类为“一级/二级/三级”名称路径，所属村社为村社名或“村社名+村民小组名”。',
    ),
    fromExport(
      file(LEDGER_SOURCE_SYSTEM),
      'case-ledger',
      '综合行政执法案件台账',
      '执法队的案件台账（CSV，常为 GB18030）：案件编号为键，日期为“2025/6/3 9:05”式文本，罚款金额以元计；关联投诉编号指向 12345 工单。',
    ),
  ];
}
