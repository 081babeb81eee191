import { z } from 'zod';

/*
 * A mapping profile: how the columns of one kind of file (a 12345 work-order export, an enforcement case ledger, an
 * Open311 CSV …) become complaint or case fields. Profiles are declarative JSON — built in (src/ingest/profiles/) or
 * saved by a user in `<data dir>/profiles/<name>.json` — so an office can adapt one without code.
 */

/** Record fields a column can fill: the names createComplaint / createCase take (see records). */
const recordFields = [
  'externalNo',
  'townCode',
  'placeCode',
  'categoryCode',
  'departmentCode',
  'enterpriseCreditCode',
  'title',
  'content',
  'address',
  'openedAt',
  'deadlineAt',
  'firstResponseAt',
  'closedAt',
  'difficult',
  'status',
] as const;
export const complaintFields = [
  ...recordFields,
  'channel',
  'complainantName',
  'complainantPhone',
  'resolved',
  'satisfaction',
  'reopenCount',
  'lat',
  'lng',
  'mediaUrl',
] as const;
export const caseFields = [
  ...recordFields,
  'source',
  'partyName',
  'outcome',
  'penaltyFen',
  'complaintExternalNo',
] as const;
export type ComplaintField = (typeof complaintFields)[number];
export type CaseField = (typeof caseFields)[number];
export type RecordField = ComplaintField | CaseField;

/** Source word → our value. Keys are compared trimmed; values are our codes. */
const wordMap = z.record(z.string(), z.string());

/**
 * How a column's cells are read. Every format first applies `map` when given (source word → our code or value),
 * then its own reading. Empty cells are absent values.
 */
export const cellFormatSchema = z.discriminatedUnion('type', [
  /** Text as is (trimmed). */
  z.object({ type: z.literal('text') }),
  z.object({ type: z.literal('integer') }),
  /** WGS84 decimal degrees. */
  z.object({ type: z.literal('degrees') }),
  /**
   * An instant: a real Excel date cell (the wall clock in the profile's time zone), or text in one of `patterns`
   * (Unicode LDML: `yyyy/M/d H:mm`, `yyyy-MM-dd HH:mm:ss`, `yyyy年M月d日`), or ISO 8601 with an offset. Absent
   * patterns: the common ones (see profile-formats.ts).
   */
  z.object({ type: z.literal('datetime'), patterns: z.array(z.string().min(1)).optional() }),
  /** One word of a closed list (status, channel, satisfaction, source, outcome): `map` is required. */
  z.object({ type: z.literal('enum'), map: wordMap }),
  /** Yes/no words; an empty cell is unknown. */
  z.object({
    type: z.literal('boolean'),
    yes: z.array(z.string()).min(1).default(['是', 'Y', 'y', '1', 'true', 'TRUE']),
    no: z.array(z.string()).min(1).default(['否', 'N', 'n', '0', 'false', 'FALSE']),
  }),
  /** Yuan (up to two decimals) stored as fen. */
  z.object({ type: z.literal('yuan') }),
  /**
   * A category by the path of its names (`劳动保障/涉企劳工纠纷/欠薪`), its own name, or its code; `map` first.
   * Unmapped: the taxonomy's unclassified leaf, and the row is listed with a warning.
   */
  z.object({
    type: z.literal('category'),
    match: z.enum(['path', 'name', 'code']).default('path'),
    separator: z.string().min(1).default('/'),
    map: wordMap.optional(),
  }),
  /** A village or group by code, name or alias (village + group label too); unmapped: no place, with a warning. */
  z.object({ type: z.literal('place'), map: wordMap.optional() }),
  /** The town by code or name. */
  z.object({ type: z.literal('town'), map: wordMap.optional() }),
  /** A department of the town by code or name; unmapped: none, with a warning. */
  z.object({ type: z.literal('department'), map: wordMap.optional() }),
]);
export type CellFormat = z.output<typeof cellFormatSchema>;
export type CellFormatInput = z.input<typeof cellFormatSchema>;

export const profileColumnSchema = z.object({
  /** The header in the file. */
  header: z.string().min(1),
  /** Other headers the same column goes by in other exports (matched when `header` is absent). */
  aliases: z.array(z.string().min(1)).optional(),
  field: z.string().min(1),
  format: cellFormatSchema.default({ type: 'text' }),
  /** What a reader should know (shown by `--detect` and the docs). */
  note: z.string().optional(),
});
export type ProfileColumn = z.output<typeof profileColumnSchema>;

export const profileSchema = z
  .object({
    /** The name `--profile` takes: lower-case letters, digits and `-`. */
    name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be 1–64 lower-case letters, digits or -'),
    title: z.string().min(1),
    description: z.string().optional(),
    kind: z.enum(['complaint', 'case']),
    /** The system the records come from: with each row's external number, the key an import upserts by. */
    sourceSystem: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/, 'must be 1–32 letters, digits, _, . or -'),
    /** Cases: the source system of the complaints `complaintExternalNo` names (a ledger links 12345 work orders). */
    complaintSourceSystem: z.string().min(1).max(32).optional(),
    /** The zone of wall-clock times in the file (Excel dates and text dates without an offset). */
    timeZone: z.literal('Asia/Shanghai').default('Asia/Shanghai'),
    /** CSV only: `auto` detects a BOM, valid UTF-8, or else GB18030. */
    encoding: z.enum(['auto', 'utf8', 'gb18030']).default('auto'),
    /** Values of fields no column gives (`channel: "web"`); `townCode` usually comes from `--town`. */
    defaults: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
    columns: z.array(profileColumnSchema).min(1),
  })
  .superRefine((profile, ctx) => {
    const allowed: readonly string[] = profile.kind === 'complaint' ? complaintFields : caseFields;
    const seen = new Set<string>();
    profile.columns.forEach((column, index) => {
      if (!allowed.includes(column.field)) {
        ctx.addIssue({
          code: 'custom',
          path: ['columns', index, 'field'],
          message: `"${column.field}" is not a ${profile.kind} field (one of ${allowed.join(', ')})`,
        });
      }
      if (seen.has(column.field)) {
        ctx.addIssue({
          code: 'custom',
          path: ['columns', index, 'field'],
          message: `"${column.field}" is filled by two columns`,
        });
      }
      seen.add(column.field);
    });
    if (!seen.has('externalNo')) {
      ctx.addIssue({ code: 'custom', path: ['columns'], message: 'no column fills externalNo (the key of an import)' });
    }
    if (!seen.has('openedAt')) {
      ctx.addIssue({ code: 'custom', path: ['columns'], message: 'no column fills openedAt' });
    }
  });
export type Profile = z.output<typeof profileSchema>;
export type ProfileInput = z.input<typeof profileSchema>;
