import { describe, expect, it } from 'vitest';
import { format, zhCN } from '../i18n/messages';
import { ApiError, toApiError } from './client';
import { describeError } from './errors';

const t = (key: keyof typeof zhCN, values?: Record<string, string | number>) => format(zhCN[key], values);

describe('error messages', () => {
  it('reads the server’s error shape and says what to do in Chinese', () => {
    const invalid = toApiError(422, {
      error: { code: 'invalid_input', message: 'from: bad', details: { issues: [{ path: 'from', message: 'bad' }] } },
    });
    expect(describeError(invalid, t)).toBe('输入有误（from）：请修改后重试。');
    const limited = toApiError(429, {
      error: { code: 'rate_limited', message: '', details: { retryAfterSeconds: 899.2 } },
    });
    expect(describeError(limited, t)).toContain('900 秒后再试');
    expect(describeError(toApiError(403, { error: { code: 'forbidden', message: '' } }), t)).toContain(
      '联系系统管理员',
    );
  });

  it('tells a wrong password at sign-in apart from an ended session', () => {
    const error = toApiError(401, { error: { code: 'unauthenticated', message: 'wrong' } });
    expect(describeError(error, t, 'login')).toContain('用户名或密码不正确');
    expect(describeError(error, t)).toContain('请重新登录');
  });

  it('falls back on the status when the body is not the server’s shape', () => {
    expect(toApiError(502, '<html>').code).toBe('internal');
    expect(toApiError(404, null).code).toBe('not_found');
    expect(describeError(toApiError(418, null), t)).toBe('请求失败（418）：请刷新页面后重试。');
    expect(describeError(new ApiError('network', 0, 'x'), t)).toContain('npm start');
  });
});
