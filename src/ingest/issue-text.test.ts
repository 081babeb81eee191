import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createCaseSchema, createComplaintSchema } from '../records/index.js';
import { ISSUE_CODES, type IssueParams, issueText, zodIssueCode } from './issue-text.js';

/*
 * The sentences of import issues: zod's issues mapped to our codes by their own code, each code written in Chinese and
 * English, and never an empty or thrown sentence whatever a stored issue's code and params are.
 */

/** The first zod issue of a value, mapped for `field` (the value of the field given as the row's input). */
function coded(schema: z.ZodType, value: unknown, field = 'f') {
  const result = schema.safeParse(value);
  if (result.success) {
    throw new Error('the value passed');
  }
  const issue = result.error.issues[0] as z.core.$ZodIssue;
  return zodIssueCode(issue, field, value);
}

describe('zodIssueCode', () => {
  it('maps invalid_type: a missing value is required, another type is invalid_type', () => {
    expect(coded(z.string(), undefined, 'content')).toMatchObject({ code: 'required', params: { field: 'content' } });
    expect(coded(z.string(), 5, 'content')).toMatchObject({
      code: 'invalid_type',
      params: { field: 'content', expected: 'string' },
    });
    expect(issueText(coded(z.string(), 5, 'content'), 'zh-CN')).toBe('「内容」的类型不对');
  });

  it('maps too_big: too_long for text, too_big for numbers, with the limit', () => {
    const long = coded(z.string().max(200), 'x'.repeat(201), 'title');
    expect(long).toMatchObject({ code: 'too_long', params: { max: 200 } });
    expect(issueText(long, 'zh-CN')).toBe('「标题」太长：最多 200 个字');
    expect(issueText(long, 'en-US')).toMatch(/^title: Too big/);
    const big = coded(z.number().max(1000), 1001, 'reopenCount');
    expect(big).toMatchObject({ code: 'too_big', params: { max: 1000 } });
    expect(issueText(big, 'zh-CN')).toBe('「重办次数」太大：最大 1000');
  });

  it('maps too_small: empty text is required, short text too_short, numbers too_small', () => {
    expect(coded(z.string().min(1), '', 'externalNo')).toMatchObject({ code: 'required' });
    expect(issueText(coded(z.string().min(1), '', 'externalNo'), 'zh-CN')).toBe('「编号」必须填写');
    const short = coded(z.string().min(4), 'ab', 'partyName');
    expect(short).toMatchObject({ code: 'too_short', params: { min: 4 } });
    expect(issueText(short, 'zh-CN')).toBe('「当事人」太短：至少 4 个字');
    const small = coded(z.number().min(0), -1, 'penaltyFen');
    expect(small).toMatchObject({ code: 'too_small', params: { min: 0 } });
    expect(issueText(small, 'zh-CN')).toBe('「罚款金额」太小：最小 0');
  });

  it('maps invalid_format and invalid_value', () => {
    const phone = coded(z.string().regex(/^\d+$/, 'must be a phone number'), 'abc', 'complainantPhone');
    expect(phone).toMatchObject({ code: 'invalid_format', params: { format: 'regex' } });
    expect(issueText(phone, 'zh-CN')).toBe('「诉求人电话」不是电话号码（数字、+、-、空格）');
    expect(issueText(phone, 'en-US')).toBe('complainantPhone: must be a phone number');
    expect(issueText(coded(z.email(), 'nope', 'mediaUrl'), 'zh-CN')).toBe('「附件链接」的格式不对');
    const value = coded(z.enum(['web', 'api']), 'fax', 'channel');
    expect(value).toMatchObject({ code: 'unknown_value', params: { allowed: 'web, api' } });
    expect(issueText(value, 'zh-CN')).toBe('「来源渠道」的值不在可选值之中（可选：web, api）');
  });

  it('maps the custom rules of the records to their codes, and other custom issues to invalid', () => {
    const at = Date.parse('2025-06-03T09:00:00+08:00');
    const complaint = (extra: Record<string, unknown>) => ({
      townCode: '330782100',
      sourceSystem: 'x',
      externalNo: 'A-1',
      openedAt: at,
      content: '内容',
      ...extra,
    });
    const issueOf = (schema: z.ZodType, value: Record<string, unknown>) => {
      const result = schema.safeParse(value);
      const issue = result.error?.issues[0] as z.core.$ZodIssue;
      const field = String(issue.path[0]);
      return zodIssueCode(issue, field, value[field]);
    };
    const cases: [Record<string, unknown>, string, string][] = [
      [{ closedAt: at - 1000 }, 'before_opened', '「办结时间」不能早于「受理时间」'],
      [
        { deadlineAt: at + 1000, deadlineWorkingDays: 3 },
        'deadline_twice',
        '「办理期限」和「办理时限（工作日）」只能填一个',
      ],
      [{ status: 'closed' }, 'needs_closed_at', '状态为 closed 的记录必须有「办结时间」'],
      [{ lat: 30 }, 'point_incomplete', '「纬度」和「经度」要么都填，要么都不填'],
      [{ title: 'a\u0000b' }, 'unstorable_text', '「标题」含有无法保存的字符（NUL 或不成对的代理项）'],
      [{ mediaUrl: 'ftp://x' }, 'not_a_url', '「附件链接」必须是 http 或 https 网址'],
    ];
    for (const [extra, code, zh] of cases) {
      const mapped = issueOf(createComplaintSchema, complaint(extra));
      expect(mapped.code).toBe(code);
      expect(issueText(mapped, 'zh-CN')).toBe(zh);
      expect(issueText(mapped, 'en-US')).toMatch(/^\w+: ./);
    }
    const finished = issueOf(createCaseSchema, complaint({ status: 'opened', closedAt: at + 1000 }));
    expect(finished).toMatchObject({ code: 'closed_needs_finished_status', params: { status: 'opened' } });
    expect(issueText(finished, 'zh-CN')).toMatch(/^有「办结时间」的记录，状态应为 .+，而不是 opened$/);

    const other = coded(
      z.string().refine(() => false, 'some other rule'),
      'x',
      'title',
    );
    expect(other).toMatchObject({ code: 'invalid', params: { detail: 'some other rule' } });
    expect(issueText(other, 'zh-CN')).toBe('「标题」不符合要求：some other rule');
    expect(issueText(other, 'en-US')).toBe('title: some other rule');
    // An issue code we do not map (here unrecognized_keys) is invalid, with zod's message.
    expect(coded(z.strictObject({}), { a: 1 }, '(input)')).toMatchObject({ code: 'invalid' });
  });
});

describe('issueText', () => {
  const full: IssueParams = {
    field: 'openedAt',
    value: '2025-13-01',
    formats: 'yyyy-MM-dd HH:mm',
    expected: 'integer',
    allowed: 'a, b',
    yes: '是',
    no: '否',
    filedAs: 'other.unclassified',
    town: '苏溪镇',
    max: 200,
    min: 1,
    format: 'regex',
    status: 'closed',
  };

  it('writes every code in Chinese with no English words, and in English', () => {
    for (const code of ISSUE_CODES) {
      if (code === 'unreadable_row' || code === 'invalid') {
        continue;
      }
      const zh = issueText({ code, params: full }, 'zh-CN');
      expect(zh, code).not.toMatch(/\b(is|no|not|the|give|must|expected)\b/);
      expect(zh, code).toMatch(/[\u4e00-\u9fff]/);
      expect(issueText({ code, params: full }, 'en-US'), code).toMatch(/[a-z]{2}/);
    }
  });

  it('keeps the English of the readers and the cells as imports wrote it', () => {
    expect(issueText({ code: 'not_a_number', params: { value: '1.234', expected: 'yuan' } }, 'en-US')).toBe(
      '"1.234" is not an amount in yuan (up to two decimals)',
    );
    expect(issueText({ code: 'unreadable_row', params: { detail: 'not valid JSON: x' } }, 'en-US')).toBe(
      'not valid JSON: x',
    );
    expect(issueText({ code: 'unreadable_row', params: { detail: 'not valid JSON: x' } }, 'zh-CN')).toBe(
      '这一行无法读取：not valid JSON: x',
    );
  });

  it('never throws and never answers an empty sentence, whatever the code and params', () => {
    const param = fc.oneof(fc.string(), fc.integer(), fc.double());
    fc.assert(
      fc.property(
        fc.oneof(fc.constantFrom(...ISSUE_CODES), fc.string()),
        fc.dictionary(
          fc.constantFrom('field', 'value', 'detail', 'formats', 'expected', 'allowed', 'max', 'min', 'town', 'x'),
          param,
        ),
        fc.constantFrom('zh-CN' as const, 'en-US' as const),
        (code, params, locale) => {
          const sentence = issueText({ code, params }, locale);
          expect(typeof sentence).toBe('string');
          expect(sentence.trim().length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 2000 },
    );
    expect(issueText({ code: '', params: null }, 'zh-CN')).toBe('拒收');
    expect(issueText({ code: 'from_a_newer_version', params: {} }, 'en-US')).toBe('from_a_newer_version');
  });
});
