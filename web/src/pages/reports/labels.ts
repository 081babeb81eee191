import type { Translate } from '../../i18n/i18n';
import { dictionaries, type MessageKey } from '../../i18n/messages';

/*
 * Words for the API's codes (report type, trigger, job status): the code itself when the server sends one this
 * page does not know yet (a newly registered report type), never a raw message key.
 */

function known(t: Translate, key: string, fallback: string): string {
  // Both dictionaries have the same keys (a compile-time rule), so one tells whether the key exists.
  return Object.hasOwn(dictionaries['zh-CN'], key) ? t(key as MessageKey) : fallback;
}

export const typeLabel = (t: Translate, type: string) => known(t, `reports.type.${type}`, type);
export const typeShort = (t: Translate, type: string) => known(t, `reports.typeShort.${type}`, type);
export const triggerLabel = (t: Translate, trigger: string) => known(t, `reports.trigger.${trigger}`, trigger);
export const jobStatusLabel = (t: Translate, status: string) => known(t, `reports.jobs.status.${status}`, status);
export const localeLabel = (t: Translate, locale: string) => known(t, `reports.locale.${locale}`, locale);

export const TYPE_COLORS: Record<string, string> = { weekly: 'blue', monthly: 'cyan', quarterly: 'purple' };
export const JOB_COLORS: Record<string, string> = {
  pending: 'default',
  running: 'processing',
  done: 'success',
  failed: 'error',
};
