import { ApiError } from '../../api/client';
import { describeError } from '../../api/errors';
import type { Translate } from '../../i18n/i18n';

const FIELDS: Record<
  string,
  'reports.generate.type' | 'reports.generate.period' | 'reports.generate.town' | 'reports.generate.locale'
> = {
  type: 'reports.generate.type',
  period: 'reports.generate.period',
  town: 'reports.generate.town',
  locale: 'reports.generate.locale',
};

/** A refused generation in the user's words: which field of this form is wrong, or which permission is missing. */
export function generateErrorText(error: unknown, t: Translate): string {
  if (error instanceof ApiError && error.code === 'forbidden') {
    return t('reports.generate.forbidden');
  }
  if (error instanceof ApiError && error.code === 'invalid_input') {
    const issues = Array.isArray(error.details?.issues) ? (error.details.issues as { path?: unknown }[]) : [];
    const fields = issues
      .map((issue) =>
        typeof issue.path === 'string' && Object.hasOwn(FIELDS, issue.path) ? FIELDS[issue.path] : undefined,
      )
      .filter((key) => key !== undefined)
      .map((key) => t(key));
    if (fields.length > 0) {
      return t('error.invalid_input', { field: [...new Set(fields)].join(t('reports.generate.fieldJoin')) });
    }
  }
  return describeError(error, t);
}
