import type { ButtonProps } from 'antd';
import { Alert, App, Form, Modal, Segmented, Select, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { fetchReports, generateReport, type Report, type ReportLocale, type ReportTypeName } from '../../api/reports';
import { fetchStats } from '../../api/stats';
import { useQuery } from '../../api/useQuery';
import { useSession } from '../../components/session';
import { useI18n } from '../../i18n/i18n';
import { generateErrorText } from './errors';
import { localeLabel, typeLabel } from './labels';
import {
  PICKER_PERIODS,
  periodLabel,
  periodRecordsQuery,
  REPORT_TYPES,
  recentPeriods,
  recordsOf,
} from './reports.model';

interface Props {
  open: boolean;
  initialType: ReportTypeName;
  onClose(): void;
  onDone(report: Report): void;
}

/** "立即生成": a type, a period (the last complete one by default) and a language → POST /api/reports. */
export function GenerateReport({ open, initialType, onClose, onDone }: Props) {
  const { t, locale } = useI18n();
  const { town, me } = useSession();
  const { message } = App.useApp();
  const [type, setType] = useState<ReportTypeName>(initialType);
  const periods = useMemo(() => recentPeriods(type, Date.now(), PICKER_PERIODS[type]), [type]);
  const [period, setPeriod] = useState<string | undefined>(periods[0]);
  const [reportLocale, setReportLocale] = useState<ReportLocale>('zh-CN');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);

  // Each opening starts from the list's type and its last complete period.
  useEffect(() => {
    if (open) {
      setType(initialType);
      setPeriod(recentPeriods(initialType, Date.now(), 1)[0]);
      setError(undefined);
    }
  }, [open, initialType]);

  const chooseType = (next: ReportTypeName) => {
    setType(next);
    setPeriod(recentPeriods(next, Date.now(), 1)[0]);
    setError(undefined);
  };

  const versionQuery = { town: town?.code, type, period, locale: reportLocale, limit: 200 };
  const existing = useQuery(
    `report-versions|${JSON.stringify(versionQuery)}`,
    (signal) => fetchReports(versionQuery, signal),
    open && town !== undefined && period !== undefined,
  );
  const existingCount = existing.loading ? 0 : (existing.data?.items.length ?? 0);
  // A period without records (not imported yet, or still running) gives a report of zeros: say so before.
  const recordsQuery = town && period ? periodRecordsQuery(town.code, type, period) : undefined;
  const records = useQuery(
    `report-period-records|${JSON.stringify(recordsQuery)}`,
    (signal) => fetchStats(recordsQuery as NonNullable<typeof recordsQuery>, signal),
    open && recordsQuery !== undefined && me.permissions.includes('stats:read'),
  );
  const noRecords = !records.loading && records.data !== undefined && recordsOf(records.data) === 0;

  const submit = async () => {
    if (!town || !period) {
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const report = await generateReport({ type, period, town: town.code, locale: reportLocale });
      message.success(t('reports.generate.done', { title: report.title, version: report.version }));
      onDone(report);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('reports.generate.title')}
      okText={t('reports.generate.submit')}
      cancelText={t('reports.generate.cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={busy}
      okButtonProps={{ disabled: !town || !period, 'data-testid': 'generate-submit' } as ButtonProps}
      width={560}
      destroyOnHidden
    >
      <Form layout="vertical" data-testid="generate-form">
        <Form.Item label={t('reports.generate.town')}>
          {town ? (
            <Typography.Text strong>{(locale === 'en-US' && town.nameEn) || town.name}</Typography.Text>
          ) : (
            <Alert type="warning" showIcon title={t('reports.generate.noTown')} />
          )}
        </Form.Item>
        <Form.Item label={t('reports.generate.type')}>
          <Select
            data-testid="generate-type"
            aria-label={t('reports.generate.type')}
            value={type}
            onChange={chooseType}
            options={REPORT_TYPES.map((value) => ({ value, label: typeLabel(t, value) }))}
          />
        </Form.Item>
        <Form.Item label={t('reports.generate.period')} extra={t('reports.generate.periodHint')}>
          <Select
            data-testid="generate-period"
            aria-label={t('reports.generate.period')}
            showSearch={{ optionFilterProp: 'label' }}
            value={period}
            onChange={(value: string) => {
              setPeriod(value);
              setError(undefined);
            }}
            options={periods.map((value) => ({ value, label: periodLabel(value, locale) }))}
          />
        </Form.Item>
        <Form.Item label={t('reports.generate.locale')}>
          <Segmented
            data-testid="generate-locale"
            value={reportLocale}
            onChange={(value) => setReportLocale(value as ReportLocale)}
            options={(['zh-CN', 'en-US'] as const).map((value) => ({ value, label: localeLabel(t, value) }))}
          />
        </Form.Item>
        {noRecords && (
          <Alert
            data-testid="generate-no-records"
            type="warning"
            showIcon
            title={t('reports.generate.noRecords')}
            style={{ marginBottom: 8 }}
          />
        )}
        {existingCount > 0 && (
          <Alert type="info" showIcon title={t('reports.generate.existing', { count: existingCount })} />
        )}
        {busy && <Typography.Text type="secondary">{t('reports.generate.running')}</Typography.Text>}
        {error !== undefined && (
          <Alert data-testid="generate-error" type="error" showIcon title={generateErrorText(error, t)} />
        )}
      </Form>
    </Modal>
  );
}
