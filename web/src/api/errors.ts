import type { Translate } from '../i18n/i18n';
import { ApiError } from './client';

/**
 * What to tell the user about a failed request, in their language: what happened and what to do. Sign-in's 401 is
 * a wrong username or password, not an ended session.
 */
export function describeError(error: unknown, t: Translate, context: 'login' | 'page' = 'page'): string {
  if (!(error instanceof ApiError)) {
    return t('error.unknown', { status: '?' });
  }
  switch (error.code) {
    case 'unauthenticated':
      return context === 'login' ? t('error.loginFailed') : t('error.unauthenticated');
    case 'invalid_input':
      return t('error.invalid_input', { field: fieldOf(error) ?? error.message });
    case 'rate_limited':
      return t('error.rate_limited', { seconds: secondsOf(error) });
    case 'unknown':
      return t('error.unknown', { status: error.status });
    default:
      return t(`error.${error.code}`);
  }
}

function fieldOf(error: ApiError): string | undefined {
  const issues = error.details?.issues;
  if (Array.isArray(issues)) {
    const paths = issues
      .map((issue: unknown) => (issue as { path?: unknown }).path)
      .filter((path): path is string => typeof path === 'string');
    if (paths.length > 0) {
      return paths.join('、');
    }
  }
  return undefined;
}

function secondsOf(error: ApiError): number {
  const seconds = error.details?.retryAfterSeconds;
  return typeof seconds === 'number' ? Math.max(1, Math.ceil(seconds)) : 60;
}
