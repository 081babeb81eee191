import type { Translate } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { recordsZh } from './messages';

/** A value's label from the records strings (`records.status.closed`), or the value itself when there is none. */
export function labelOf(t: Translate, group: string, value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') {
    return t('records.none');
  }
  const key = `records.${group}.${value}`;
  return key in recordsZh ? t(key as MessageKey) : value;
}
