import { clip } from './open311.errors.js';

/*
 * The extra questions (Open311 "attributes") every service asks, as data: one list for all services, so a town edits
 * it here and every service definition follows. Open311 GeoReport v2, "GET Service Definition":
 * https://wiki.open311.org/GeoReport_v2/#get-service-definition
 */

export type AttributeDatatype = 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';

export type Open311Attribute = {
  /** true: the citizen answers it; false: it only informs (shown in the description). */
  variable: boolean;
  code: string;
  datatype: AttributeDatatype;
  required: boolean;
  datatype_description: string | null;
  /** 1 is shown first. */
  order: number;
  description: string;
  /** The options of a (single|multi)valuelist: key is what is sent, name what is shown. */
  values: { key: string; name: string }[];
};

export const standardAttributes: readonly Open311Attribute[] = [
  {
    variable: true,
    code: 'occurred_at',
    datatype: 'datetime',
    required: false,
    datatype_description: 'ISO 8601 时间，带时区，如 2025-06-02T09:30:00+08:00',
    order: 1,
    description: '发生时间（问题最早出现的时间）',
    values: [],
  },
  {
    variable: true,
    code: 'anonymous',
    datatype: 'singlevaluelist',
    required: false,
    datatype_description: null,
    order: 2,
    description: '是否匿名（选"是"则不保存姓名和电话）',
    values: [
      { key: 'yes', name: '是' },
      { key: 'no', name: '否' },
    ],
  },
  {
    variable: true,
    code: 'affected_groups',
    datatype: 'multivaluelist',
    required: false,
    datatype_description: null,
    order: 3,
    description: '受影响人群（可多选）',
    values: [
      { key: 'residents', name: '周边居民' },
      { key: 'workers', name: '务工人员' },
      { key: 'students', name: '学生' },
      { key: 'elderly', name: '老人' },
      { key: 'children', name: '儿童' },
      { key: 'businesses', name: '商户' },
    ],
  },
  {
    variable: true,
    code: 'enterprise_credit_code',
    datatype: 'string',
    required: false,
    datatype_description: '18 位统一社会信用代码（GB 32100）',
    order: 4,
    description: '涉及企业的统一社会信用代码（如知道）',
    values: [],
  },
];

/** The attributes of a service: the standard set for every service, so far. */
export function attributesOf(_serviceCode: string): readonly Open311Attribute[] {
  return standardAttributes;
}

const MAX_STRING = 500;
const W3_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** What a citizen answered: code → one value, or the values of a multi-value list. */
export type AttributeAnswers = Record<string, string | string[]>;

/**
 * Check the attributes sent with a request against the service's definition: every code known, required ones given,
 * one value unless a multi-value list, values of lists among the keys, datetimes and numbers well formed. Returns the
 * answers to store, or the problems, each naming `attribute[code]`.
 */
export function checkAttributes(
  definition: readonly Open311Attribute[],
  given: ReadonlyMap<string, readonly string[]>,
): { answers: AttributeAnswers; problems: string[] } {
  const answers: AttributeAnswers = {};
  const problems: string[] = [];
  const byCode = new Map(definition.map((a) => [a.code, a]));
  for (const [code, values] of given) {
    const attribute = byCode.get(code);
    const name = `attribute[${code}]`;
    if (!attribute) {
      problems.push(`${name}: not an attribute of this service (known: ${definition.map((a) => a.code).join(', ')})`);
      continue;
    }
    if (!attribute.variable) {
      problems.push(`${name}: is information only and takes no answer`);
      continue;
    }
    const distinct = [...new Set(values)];
    const problem = checkValues(attribute, distinct);
    if (problem) {
      problems.push(`${name}: ${problem}`);
      continue;
    }
    answers[code] = attribute.datatype === 'multivaluelist' ? distinct : (distinct[0] as string);
  }
  for (const attribute of definition) {
    if (attribute.required && attribute.variable && !given.has(attribute.code)) {
      problems.push(`attribute[${attribute.code}]: is required (${attribute.description})`);
    }
  }
  return { answers, problems };
}

function checkValues(attribute: Open311Attribute, values: readonly string[]): string | null {
  if (attribute.datatype !== 'multivaluelist' && values.length > 1) {
    return `takes one value, got ${values.length}`;
  }
  if (values.length > attribute.values.length && attribute.datatype === 'multivaluelist') {
    return `takes at most ${attribute.values.length} values`;
  }
  const keys = attribute.values.map((v) => v.key);
  for (const value of values) {
    switch (attribute.datatype) {
      case 'singlevaluelist':
      case 'multivaluelist':
        if (!keys.includes(value)) {
          return `"${clip(value)}" is not one of ${keys.join(', ')}`;
        }
        break;
      case 'number':
        if (!/^-?\d+(\.\d+)?$/.test(value) || !Number.isFinite(Number(value))) {
          return `"${clip(value)}" is not a number`;
        }
        break;
      case 'datetime':
        if (!W3_DATETIME.test(value) || Number.isNaN(Date.parse(value))) {
          return `"${clip(value)}" is not an ISO 8601 date and time with a time zone, e.g. 2025-06-02T09:30:00+08:00`;
        }
        break;
      case 'string':
        if (/[\r\n]/.test(value)) {
          return 'must be one line';
        }
        if (Array.from(value).length > MAX_STRING) {
          return `must be at most ${MAX_STRING} characters`;
        }
        break;
      case 'text':
        if (Array.from(value).length > MAX_STRING) {
          return `must be at most ${MAX_STRING} characters`;
        }
        break;
    }
  }
  return null;
}
