import { Card, Col, Row, Skeleton, Statistic, Typography } from 'antd';
import { Link } from 'react-router';
import { formatChange, formatCount, formatHours, formatRate } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import type { Kpi } from './overview.model';

const UP_IS_GOOD = new Set(['responseRate', 'resolutionRate', 'satisfactionRate']);

function Change({ label, change, kpi }: { label: string; change: number | null; kpi: Kpi }) {
  // Green when the change is good news: fewer complaints or overdue, higher rates.
  const good = change === null || change === 0 ? undefined : change > 0 === UP_IS_GOOD.has(kpi.id);
  const color = good === undefined ? undefined : good ? '#389e0d' : '#cf1322';
  return (
    <span style={{ marginRight: 12, whiteSpace: 'nowrap' }}>
      <Typography.Text type="secondary">{label} </Typography.Text>
      <span style={{ color }}>{formatChange(change, kpi.format === 'rate')}</span>
    </span>
  );
}

/** `linkOf`: the records behind a card's number (the card opens them), when there is a list for it. */
export function KpiCards({ items, linkOf }: { items: Kpi[] | undefined; linkOf?: (kpi: Kpi) => string | undefined }) {
  const { t, locale } = useI18n();
  if (!items) {
    return (
      <Row gutter={[12, 12]}>
        {Array.from({ length: 8 }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have nothing else to key by
          <Col key={i} xs={12} md={6}>
            <Card size="small">
              <Skeleton active paragraph={{ rows: 1 }} />
            </Card>
          </Col>
        ))}
      </Row>
    );
  }
  return (
    <Row gutter={[12, 12]} data-testid="kpi-cards">
      {items.map((kpi) => {
        const value =
          kpi.format === 'rate'
            ? formatRate(kpi.value)
            : kpi.format === 'duration'
              ? formatHours(kpi.value)
              : formatCount(kpi.value, locale);
        const href = linkOf?.(kpi);
        const card = (
          <Card
            size="small"
            hoverable={href !== undefined}
            data-kpi={kpi.id}
            data-value={kpi.value === null ? '' : String(kpi.value)}
          >
            <Statistic
              title={t(`kpi.${kpi.id}`)}
              value={value}
              suffix={kpi.format === 'duration' && kpi.value !== null ? t('kpi.hours') : undefined}
            />
            <div style={{ marginTop: 4, fontSize: 13 }}>
              <Change label={t('kpi.yoy')} change={kpi.yoy} kpi={kpi} />
              <Change label={t('kpi.pop')} change={kpi.pop} kpi={kpi} />
            </div>
          </Card>
        );
        return (
          <Col key={kpi.id} xs={12} md={6}>
            {href ? (
              <Link to={href} data-testid={`kpi-link-${kpi.id}`} title={t('records.open')}>
                {card}
              </Link>
            ) : (
              card
            )}
          </Col>
        );
      })}
    </Row>
  );
}
