import {
  Alert,
  Button,
  Card,
  DatePicker,
  Flex,
  Input,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  TreeSelect,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { categoryOptions } from '../../api/categories';
import {
  type AnyRecord,
  CASE_STATUSES,
  COMPLAINT_STATUSES,
  fetchKindCounts,
  fetchRecordPage,
  fetchStatsRecords,
} from '../../api/records';
import { useQuery } from '../../api/useQuery';
import { QueryError } from '../../components/QueryError';
import { useSession } from '../../components/session';
import { formatCount } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { labelOf } from './labels';
import {
  activeFilters,
  categoryPath,
  type FilterKey,
  flagCount,
  flagMeasures,
  PAGE_SIZES,
  type RecordsFilter,
  readFilter,
  removeFilter,
  STATS_MAX_OFFSET,
  searchQuery,
  statsRecordsQuery,
  statsScope,
  type Tab,
  townTime,
  writeFilter,
} from './records.model';
import { useRecordReference } from './useRecordReference';

const TABS: Tab[] = ['complaints', 'cases'];

/** The list and how many records each tab holds, from the record search or, for a flag, the stats API. */
async function loadList(filter: RecordsFilter, town: string | undefined, signal: AbortSignal) {
  if (filter.flag) {
    const page = await fetchStatsRecords(statsRecordsQuery({ ...filter, flag: filter.flag }, town), signal);
    return { items: page.items, total: undefined };
  }
  const page = await fetchRecordPage(filter.tab, searchQuery(filter, town), signal);
  return { items: page.items, total: page.total };
}

async function loadCounts(filter: RecordsFilter, town: string | undefined, signal: AbortSignal) {
  const counts: Partial<Record<Tab, number>> = {};
  if (filter.flag) {
    const { rows } = await fetchKindCounts(statsScope(filter, town), flagMeasures(filter.flag), signal);
    counts.complaints = flagCount(rows, filter.flag, 'complaint');
    counts.cases = flagCount(rows, filter.flag, 'case');
    return counts;
  }
  const other: Tab = filter.tab === 'complaints' ? 'cases' : 'complaints';
  counts[other] = (await fetchRecordPage(other, searchQuery(filter, town, other), signal)).total;
  return counts;
}

/** 案件/投诉 search: tabs by kind, filters kept in the address and shown as removable tags, pages from the API. */
export function RecordsSearch() {
  const { t, locale } = useI18n();
  const { town } = useSession();
  const [params, setParams] = useSearchParams();
  const filter = readFilter(params);
  const townCode = town?.code;
  const reference = useRecordReference(townCode);
  const [text, setText] = useState(filter.q ?? '');
  const [lastQ, setLastQ] = useState(filter.q);
  if (lastQ !== filter.q) {
    // The address changed the text (a tag removed, a link followed): show it in the box.
    setLastQ(filter.q);
    setText(filter.q ?? '');
  }

  const update = (next: RecordsFilter) => setParams(writeFilter(next));
  const set = (changes: Partial<RecordsFilter>) => update({ ...filter, ...changes, page: 1 });
  const address = writeFilter(filter).toString();
  const list = useQuery(`records|${townCode}|${address}`, (signal) => loadList(filter, townCode, signal));
  const countKey = writeFilter({ ...filter, page: 1, size: PAGE_SIZES[0], order: 'desc', status: undefined });
  const counts = useQuery(`records-counts|${townCode}|${filter.flag ?? ''}|${countKey.toString()}`, (signal) =>
    loadCounts(filter, townCode, signal),
  );
  const totalOf = (tab: Tab) => (filter.flag || tab !== filter.tab ? counts.data?.[tab] : list.data?.total);
  const total = totalOf(filter.tab);
  const english = locale === 'en-US';
  const flagMode = filter.flag !== undefined;

  const tagValue = (key: FilterKey): string => {
    switch (key) {
      case 'flag':
        return labelOf(t, 'flag', filter.flag);
      case 'period':
        return filter.period ?? '';
      case 'range':
        return `${filter.from ?? '…'} ~ ${filter.to ?? '…'}`;
      case 'q':
        return filter.q ?? '';
      case 'category': {
        const path = categoryPath(reference.categories, filter.category ?? '');
        return path.length > 0
          ? path.map((node) => (english ? node.nameEn : node.name)).join(' › ')
          : (filter.category ?? '');
      }
      case 'place': {
        const village = reference.villages.find((place) => place.code === filter.place);
        return village ? (english && village.nameEn ? village.nameEn : village.name) : (filter.place ?? '');
      }
      case 'department': {
        const department = reference.departments.find((unit) => unit.code === filter.department);
        return department ? department.name : (filter.department ?? '');
      }
      case 'status':
        return labelOf(t, 'status', filter.status);
      case 'difficult':
        return t(filter.difficult ? 'records.difficult.true' : 'records.difficult.false');
    }
  };
  const tags = activeFilters(filter);

  const statuses: readonly string[] = filter.tab === 'complaints' ? COMPLAINT_STATUSES : CASE_STATUSES;
  const columns: ColumnsType<AnyRecord> = [
    {
      title: t('records.col.externalNo'),
      key: 'externalNo',
      width: 170,
      ellipsis: true,
      render: (_, record) => (
        <Link
          to={`/records/${record.kind === 'complaint' ? 'complaints' : 'cases'}/${record.id}`}
          state={{ from: address }}
          data-testid="record-link"
        >
          {record.externalNo}
        </Link>
      ),
    },
    {
      title: t('records.col.subject'),
      key: 'subject',
      ellipsis: true,
      render: (_, record) => record.title ?? record.content,
    },
    {
      title: t('records.col.category'),
      key: 'category',
      width: 150,
      ellipsis: true,
      render: (_, record) => record.category.name,
    },
    {
      title: t('records.col.place'),
      key: 'place',
      width: 110,
      ellipsis: true,
      render: (_, record) => record.place?.name ?? t('records.unknownPlace'),
    },
    {
      title: t('records.col.department'),
      key: 'department',
      width: 130,
      ellipsis: true,
      render: (_, record) => record.department?.name ?? t('records.none'),
    },
    {
      title: t('records.col.openedAt'),
      key: 'openedAt',
      width: 150,
      sorter: !flagMode,
      sortOrder: flagMode ? undefined : filter.order === 'asc' ? 'ascend' : 'descend',
      sortDirections: ['descend', 'ascend', 'descend'],
      render: (_, record) => townTime(record.openedAt),
    },
    {
      title: t('records.col.status'),
      key: 'status',
      width: 100,
      render: (_, record) => (
        <Tag color={record.status === 'closed' ? 'green' : record.status === 'cancelled' ? 'default' : 'blue'}>
          {labelOf(t, 'status', record.status)}
        </Tag>
      ),
    },
    {
      title: t('records.col.marks'),
      key: 'marks',
      width: 110,
      render: (_, record) => (
        <>
          {record.difficult && <Tag color="purple">{t('records.mark.difficult')}</Tag>}
          {record.overdue && <Tag color="red">{t('records.mark.overdue')}</Tag>}
        </>
      ),
    },
  ];

  const pageable = total === undefined ? undefined : flagMode ? Math.min(total, STATS_MAX_OFFSET + filter.size) : total;

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('records.title')}
      </Typography.Title>
      <Card size="small">
        <Flex wrap gap={8}>
          <Input.Search
            data-testid="records-search"
            style={{ width: 280 }}
            allowClear
            disabled={flagMode}
            placeholder={t('records.search.placeholder')}
            enterButton={t('records.search.button')}
            value={text}
            maxLength={100}
            onChange={(event) => setText(event.target.value)}
            onSearch={(value) => set({ q: value.trim() || undefined })}
          />
          <TreeSelect
            data-testid="filter-category"
            style={{ width: 220 }}
            allowClear
            showSearch={{ treeNodeFilterProp: 'title' }}
            placeholder={t('records.filter.category')}
            treeData={categoryOptions(reference.categories, english)}
            value={filter.category}
            onChange={(value?: string) => set({ category: value || undefined })}
            popupMatchSelectWidth={false}
          />
          <Select
            data-testid="filter-place"
            style={{ width: 150 }}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('records.filter.place')}
            options={reference.villages.map((place) => ({
              value: place.code,
              label: english && place.nameEn ? place.nameEn : place.name,
            }))}
            value={filter.place}
            onChange={(value?: string) => set({ place: value || undefined })}
          />
          <Select
            data-testid="filter-department"
            style={{ width: 160 }}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('records.filter.department')}
            options={reference.departments.map((unit) => ({ value: unit.code, label: unit.name }))}
            value={filter.department}
            onChange={(value?: string) => set({ department: value || undefined })}
          />
          <Select
            data-testid="filter-status"
            style={{ width: 130 }}
            allowClear
            disabled={flagMode}
            placeholder={t('records.filter.status')}
            options={statuses.map((status) => ({ value: status, label: labelOf(t, 'status', status) }))}
            value={filter.status}
            onChange={(value?: string) => set({ status: value || undefined })}
          />
          <Select
            data-testid="filter-difficult"
            style={{ width: 120 }}
            allowClear
            disabled={flagMode}
            placeholder={t('records.filter.difficult')}
            options={[
              { value: 'true', label: t('records.difficult.true') },
              { value: 'false', label: t('records.difficult.false') },
            ]}
            value={filter.difficult === undefined ? undefined : String(filter.difficult)}
            onChange={(value?: string) => set({ difficult: value === undefined ? undefined : value === 'true' })}
          />
          <DatePicker.RangePicker
            data-testid="filter-range"
            style={{ width: 260 }}
            disabled={flagMode}
            allowEmpty={[true, true]}
            value={[filter.from ? dayjs(filter.from) : null, filter.to ? dayjs(filter.to) : null]}
            onChange={(range) =>
              set({
                from: range?.[0]?.format('YYYY-MM-DD'),
                to: range?.[1]?.format('YYYY-MM-DD'),
                // Days replace the overview's period.
                period: range?.[0] || range?.[1] ? undefined : filter.period,
              })
            }
          />
        </Flex>
      </Card>
      <Flex wrap gap={6} align="center" data-testid="filter-tags">
        {tags.length === 0 && <Typography.Text type="secondary">{t('records.filter.none')}</Typography.Text>}
        {tags.map((key) => (
          <Tag
            key={key}
            closable
            color={key === 'flag' ? 'orange' : 'blue'}
            data-testid={`filter-tag-${key}`}
            onClose={(event) => {
              event.preventDefault();
              update(removeFilter(filter, key));
            }}
          >
            {t('records.filter.tag', { label: t(`records.filter.${key}` as MessageKey), value: tagValue(key) })}
          </Tag>
        ))}
        {tags.length > 1 && (
          <Button
            size="small"
            type="link"
            data-testid="filter-clear"
            onClick={() => update({ ...readFilter(new URLSearchParams()), tab: filter.tab })}
          >
            {t('records.filter.clearAll')}
          </Button>
        )}
      </Flex>
      {flagMode && <Alert type="info" showIcon title={t('records.filter.notForFlag')} />}
      <Card size="small">
        <Tabs
          activeKey={filter.tab}
          onChange={(key) => update({ ...filter, tab: key as Tab, status: undefined, page: 1 })}
          items={TABS.map((tab) => {
            const count = totalOf(tab);
            const label = t(`records.tab.${tab}`);
            return {
              key: tab,
              label: (
                <span data-testid={`tab-${tab}`} data-count={count === undefined ? '' : String(count)}>
                  {count === undefined ? label : t('records.tab.count', { label, count: formatCount(count, locale) })}
                </span>
              ),
            };
          })}
        />
        {list.error ? (
          <QueryError error={list.error} onRetry={list.reload} />
        ) : (
          <>
            {flagMode && total !== undefined && total > STATS_MAX_OFFSET && (
              <Alert type="warning" showIcon title={t('records.deepPage')} style={{ marginBottom: 8 }} />
            )}
            <Table<AnyRecord>
              data-testid="records-table"
              size="small"
              rowKey={(record) => `${record.kind}-${record.id}`}
              columns={columns}
              dataSource={list.data?.items ?? []}
              loading={list.loading}
              tableLayout="fixed"
              scroll={{ x: 1000 }}
              locale={{ emptyText: list.loading ? ' ' : t('records.empty') }}
              pagination={{
                current: filter.page,
                pageSize: filter.size,
                total: pageable,
                showSizeChanger: true,
                pageSizeOptions: PAGE_SIZES.map(String),
                showTotal: () => (total === undefined ? '' : t('records.total', { count: formatCount(total, locale) })),
              }}
              onChange={(pagination, _filters, sorter) => {
                const order = !Array.isArray(sorter) && sorter.order === 'ascend' ? 'asc' : 'desc';
                const size = pagination.pageSize ?? filter.size;
                update({
                  ...filter,
                  order,
                  size,
                  page: size !== filter.size || order !== filter.order ? 1 : (pagination.current ?? 1),
                });
              }}
            />
          </>
        )}
      </Card>
    </Space>
  );
}
