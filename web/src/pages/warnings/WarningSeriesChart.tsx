import type { WarningSeries } from '../../api/warnings';
import { warningSeriesOption } from '../../charts/warningSeries';
import { EChart } from '../../components/EChart';
import { useI18n } from '../../i18n/i18n';

/** The warning's weekly series (its own chunk: ECharts loads with the detail, never with the list). */
export default function WarningSeriesChart({ series }: { series: WarningSeries }) {
  const { t } = useI18n();
  const option = warningSeriesOption(series, {
    observed: t('warnings.detail.chartObserved'),
    expected: t('warnings.detail.chartExpected'),
    upperBound: t('warnings.detail.chartUpper'),
    band: t('warnings.detail.chartBand'),
  });
  return <EChart testId="warning-chart" option={option} style={{ height: 300 }} />;
}
