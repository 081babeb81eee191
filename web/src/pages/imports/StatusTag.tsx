import { Tag } from 'antd';
import type { ImportStatus } from '../../api/imports';
import { useI18n } from '../../i18n/i18n';

const COLORS: Record<ImportStatus, string> = {
  running: 'processing',
  done: 'success',
  failed: 'error',
  interrupted: 'warning',
};

/** A batch's status as a coloured tag. */
export function StatusTag({ status }: { status: ImportStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={COLORS[status]} data-status={status}>
      {t(`imports.status.${status}`)}
    </Tag>
  );
}
