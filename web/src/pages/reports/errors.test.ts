import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client';
import type { Translate } from '../../i18n/i18n';
import { dictionaries, format, type MessageKey } from '../../i18n/messages';
import { generateErrorText } from './errors';

const zh: Translate = (key: MessageKey, values) => format(dictionaries['zh-CN'][key], values);
const en: Translate = (key: MessageKey, values) => format(dictionaries['en-US'][key], values);

describe('a refused generation in the user’s words', () => {
  it('names the form’s fields of a 422 in Chinese', () => {
    const error = new ApiError('invalid_input', 422, 'bad', {
      issues: [{ path: 'period', message: 'not a week' }, { path: 'period' }, { path: 'town' }],
    });
    expect(generateErrorText(error, zh)).toBe('输入有误（时段、镇街）：请修改后重试。');
    expect(generateErrorText(error, en)).toBe(
      format(dictionaries['en-US']['error.invalid_input'], { field: 'Period, Town' }),
    );
  });

  it('says which permission a 403 lacks', () => {
    expect(generateErrorText(new ApiError('forbidden', 403, 'no'), zh)).toContain('没有生成该镇报告的权限');
  });

  it('falls back to the app’s words for other failures and unknown fields', () => {
    expect(
      generateErrorText(
        new ApiError('invalid_input', 422, 'bad', { issues: [{ path: 'extra' }, { path: '__proto__' }] }),
        zh,
      ),
    ).toBe('输入有误（extra、__proto__）：请修改后重试。');
    expect(generateErrorText(new ApiError('internal', 500, 'boom'), zh)).toBe(
      '服务器出错：请稍后重试；如仍失败，请联系管理员查看服务器日志。',
    );
  });
});
