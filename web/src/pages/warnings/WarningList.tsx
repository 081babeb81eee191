import { Alert, Button, Card, Empty, Input, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { fetchCategoryList } from '../../api/categories';
import { fetchPlaces } from '../../api/places';
import { useQuery } from '../../api/useQuery';
import { fetchWarnings, WARNING_SEVERITIES, WARNING_STATUSES, WARNING_TYPES, type Warning } from '../../api/warnings';
import { QueryError } from '../../components/QueryError';
import { useSession } from '../../components/session';
import { formatCount } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { SeverityTag, StatusTag } from './tags';
import {
  COUNT_LIMIT,
  categoryOptions,
  countQuery,
  countWarnings,
  filterFromParams,
  listQuery,
  PAGE_SIZE,
  pagerTotal,
  paramsFromFilter,
  type WarningFilter,
  weekLabel,
  whereWhat,
} from './warnings.model';

const oneDecimal = (value: number | null) => (value === null ? '—' : String(Math.round(value * 10) / 10));

/** The warnings list: counts by status and level, filters kept in the address, pages read from the server. */
export function WarningList() {
  const { t, locale } = useI18n();
  const english = locale === 'en-US';
  const { town } = useSession();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filter = filterFromParams(params);
  const [text, setText] = useState(filter.q ?? '');
  const townCode = town?.code;
  const query = listQuery(townCode, filter);
  const counting = countQuery(townCode, filter);

  const list = useQuery(`warnings|${JSON.stringify(query)}`, (signal) => fetchWarnings(query, signal));
  const countState = useQuery(`warnings-count|${JSON.stringify(counting)}`, (signal) =>
    fetchWarnings(counting, signal),
  );
  const categories = useQuery('categories', (signal) => fetchCategoryList(signal));
  const villages = useQuery(
    `villages|${townCode}`,
    (signal) => fetchPlaces({ level: 'village', within: townCode }, signal),
    townCode !== undefined,
  );
  const counts = countState.data ? countWarnings(countState.data) : undefined;

  const update = (change: Partial<WarningFilter>) => {
    // Any change of filter goes back to the first page.
    setParams(paramsFromFilter({ ...filter, page: 1, ...change }));
  };
  const countText = (count: number) =>
    counts?.complete === false ? t('warnings.count.atLeast', { count }) : formatCount(count, locale);
  const filtered =
    filter.status.length + filter.severity.length + filter.type.length > 0 ||
    Boolean(filter.category || filter.place || filter.q);

  const columns: ColumnsType<Warning> = [
    {
      title: t('warnings.col.severity'),
      dataIndex: 'severity',
      width: 76,
      render: (_, row) => <SeverityTag severity={row.severity} />,
    },
    {
      title: t('warnings.col.summary'),
      dataIndex: 'summary',
      render: (_, row) => (
        <Link to={`/warnings/${row.id}`} state={{ list: params.toString() }} data-testid="warning-link">
          <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0, color: 'inherit' }}>
            {english ? row.summaryEn : row.summary}
          </Typography.Paragraph>
        </Link>
      ),
    },
    {
      title: t('warnings.col.type'),
      dataIndex: 'type',
      width: 96,
      render: (_, row) => t(`warnings.type.${row.type}`),
    },
    {
      title: t('warnings.col.where'),
      key: 'where',
      width: 190,
      render: (_, row) => whereWhat(row, t('warnings.allCategories')),
    },
    { title: t('warnings.col.week'), dataIndex: 'week', width: 96, render: (_, row) => weekLabel(row.week) },
    {
      title: t('warnings.col.observed'),
      key: 'observed',
      width: 110,
      align: 'right',
      render: (_, row) => `${formatCount(row.observed, locale)} / ${oneDecimal(row.expected)}`,
    },
    {
      title: t('warnings.col.status'),
      dataIndex: 'status',
      width: 90,
      render: (_, row) => <StatusTag status={row.status} />,
    },
    {
      title: t('warnings.col.department'),
      key: 'department',
      width: 160,
      ellipsis: true,
      render: (_, row) => row.department?.name ?? t('common.none'),
    },
  ];

  const error = list.error ?? countState.error;
  const page = list.data;
  const from = (filter.page - 1) * PAGE_SIZE;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap align="baseline">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('warnings.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('warnings.hint')}</Typography.Text>
      </Space>
      <Card size="small">
        <Space orientation="vertical" size={10} style={{ width: '100%' }}>
          <Space wrap size={[16, 8]} data-testid="warning-counts">
            <Typography.Text>
              {t('warnings.count.all')}{' '}
              <Typography.Text strong data-count="all">
                {counts ? countText(counts.total) : '…'}
              </Typography.Text>
            </Typography.Text>
            {WARNING_STATUSES.map((status) => (
              <Space key={status} size={4}>
                <StatusTag status={status} />
                <Typography.Text strong data-count={status}>
                  {counts ? countText(counts.byStatus[status]) : '…'}
                </Typography.Text>
              </Space>
            ))}
            <span style={{ width: 8 }} />
            {WARNING_SEVERITIES.map((severity) => (
              <Space key={severity} size={4}>
                <SeverityTag severity={severity} />
                <Typography.Text data-count={severity}>
                  {counts ? countText(counts.bySeverity[severity]) : '…'}
                </Typography.Text>
              </Space>
            ))}
          </Space>
          {counts?.complete === false && (
            <Typography.Text type="secondary">{t('warnings.count.partial', { limit: COUNT_LIMIT })}</Typography.Text>
          )}
          <Space wrap size={[8, 8]}>
            <Select
              data-testid="filter-status"
              mode="multiple"
              allowClear
              style={{ minWidth: 180 }}
              placeholder={t('warnings.filter.status')}
              value={filter.status}
              onChange={(status) => update({ status })}
              options={WARNING_STATUSES.map((status) => ({ value: status, label: t(`warnings.status.${status}`) }))}
            />
            <Select
              data-testid="filter-severity"
              mode="multiple"
              allowClear
              style={{ minWidth: 150 }}
              placeholder={t('warnings.filter.severity')}
              value={filter.severity}
              onChange={(severity) => update({ severity })}
              options={WARNING_SEVERITIES.map((severity) => ({
                value: severity,
                label: t(`warnings.severity.${severity}`),
              }))}
            />
            <Select
              data-testid="filter-type"
              mode="multiple"
              allowClear
              style={{ minWidth: 150 }}
              placeholder={t('warnings.filter.type')}
              value={filter.type}
              onChange={(type) => update({ type })}
              options={WARNING_TYPES.map((type) => ({ value: type, label: t(`warnings.type.${type}`) }))}
            />
            <Select
              data-testid="filter-category"
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              style={{ width: 200 }}
              placeholder={t('warnings.filter.category')}
              value={filter.category}
              loading={categories.loading}
              onChange={(category?: string) => update({ category })}
              options={categories.data ? categoryOptions(categories.data.categories, english) : []}
            />
            <Select
              data-testid="filter-village"
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              style={{ width: 160 }}
              placeholder={t('warnings.filter.village')}
              value={filter.place}
              loading={villages.loading && townCode !== undefined}
              onChange={(place?: string) => update({ place })}
              options={(villages.data ?? []).map((village) => ({
                value: village.code,
                label: (english && village.nameEn) || village.name,
              }))}
            />
            <Input.Search
              data-testid="filter-q"
              allowClear
              style={{ width: 220 }}
              placeholder={t('warnings.filter.q')}
              value={text}
              onChange={(event) => setText(event.target.value)}
              onSearch={(value) => update({ q: value.trim() || undefined })}
            />
            {filtered && (
              <Button
                data-testid="filter-clear"
                onClick={() => {
                  setText('');
                  setParams(new URLSearchParams());
                }}
              >
                {t('warnings.filter.clear')}
              </Button>
            )}
          </Space>
        </Space>
      </Card>
      {error ? (
        <QueryError
          error={error}
          onRetry={() => {
            list.reload();
            countState.reload();
          }}
        />
      ) : (
        <Card size="small" styles={{ body: { padding: 0 } }}>
          <Table<Warning>
            data-testid="warning-table"
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={page?.items ?? []}
            loading={list.loading}
            scroll={{ x: 1000 }}
            onRow={(row) => ({
              'data-testid': 'warning-row',
              'data-id': row.id,
              style: { cursor: 'pointer' },
              onClick: (event) => {
                if (!(event.target as HTMLElement).closest('a')) {
                  navigate(`/warnings/${row.id}`, { state: { list: params.toString() } });
                }
              },
            })}
            locale={{
              emptyText: list.loading ? (
                ' '
              ) : (
                <Empty
                  data-testid="warnings-empty"
                  description={filtered ? t('warnings.emptyFiltered') : t('warnings.empty')}
                />
              ),
            }}
            pagination={{
              current: filter.page,
              pageSize: PAGE_SIZE,
              total: pagerTotal(filter, page, counts),
              showSizeChanger: false,
              hideOnSinglePage: false,
              showTotal: () =>
                page && page.items.length > 0
                  ? t('warnings.pageOf', { from: from + 1, to: from + page.items.length })
                  : '',
              onChange: (next) => setParams(paramsFromFilter({ ...filter, page: next })),
            }}
          />
        </Card>
      )}
      {page && page.items.length === 0 && filter.page > 1 && <Alert type="info" title={t('warnings.emptyFiltered')} />}
    </Space>
  );
}
