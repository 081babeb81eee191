import { Tag } from 'antd';
import type { WarningSeverity, WarningStatus } from '../../api/warnings';
import { useI18n } from '../../i18n/i18n';

export const SEVERITY_COLOURS: Record<WarningSeverity, string> = {
  red: 'red',
  orange: 'orange',
  yellow: 'gold',
  blue: 'blue',
};

export const STATUS_COLOURS: Record<WarningStatus, string> = {
  new: 'magenta',
  acknowledged: 'processing',
  rectifying: 'warning',
  closed: 'success',
  dismissed: 'default',
};

/** A warning's level as a coloured tag (红/橙/黄/蓝). */
export function SeverityTag({ severity }: { severity: WarningSeverity }) {
  const { t } = useI18n();
  return (
    <Tag color={SEVERITY_COLOURS[severity]} data-severity={severity} style={{ marginInlineEnd: 0 }}>
      {t(`warnings.severity.${severity}`)}
    </Tag>
  );
}

/** A warning's status as a tag; `testId` marks the one a test reads. */
export function StatusTag({ status, testId }: { status: WarningStatus; testId?: string }) {
  const { t } = useI18n();
  return (
    <Tag color={STATUS_COLOURS[status]} data-status={status} data-testid={testId} style={{ marginInlineEnd: 0 }}>
      {t(`warnings.status.${status}`)}
    </Tag>
  );
}
