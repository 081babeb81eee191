import { Table, type TableColumnsType } from 'antd';
import { type Dimension, measureKind } from '../../api/stats';
import { useI18n } from '../../i18n/i18n';
import {
  type AnalysisState,
  cellValue,
  formatCell,
  PAGE_SIZES,
  type PivotRow,
  type ValueColumn,
  valueColumns,
} from './analysis.model';
import { dimensionLabel, measureLabel, partLabel } from './labels';

export interface PivotTableProps {
  rows: PivotRow[];
  state: AnalysisState;
  loading: boolean;
  /** The query the rows answer (on the table as data-query, so a test can tell an old table from the new one). */
  query: string;
  onPage(page: number, size: number): void;
}

const KEY_WIDTH = 170;
const widthOf = (column: ValueColumn) => (column.part === 'value' ? 120 : 96);

/**
 * The pivot as a table: period and the keys on the left (fixed), then each measure with its share and changes; each
 * period's totals row (合计) after its keys. Scrolls inside its card both ways. Each number cell carries its raw value
 * (`data-v`) for the e2e test.
 */
export function PivotTable({ rows, state, loading, query, onPage }: PivotTableProps) {
  const { t, locale } = useI18n();
  const by: Dimension[] = state.by;
  const valueCell = (column: ValueColumn) => ({
    key: column.id,
    align: 'right' as const,
    width: widthOf(column),
    render: (_: unknown, row: PivotRow) => {
      const value = cellValue(row, column);
      return (
        <span data-col={column.id} data-v={value ?? ''}>
          {formatCell(column, value, locale)}
        </span>
      );
    },
  });
  const columns: TableColumnsType<PivotRow> = [
    {
      key: 'period',
      title: t('analysis.periodColumn'),
      dataIndex: 'period',
      fixed: 'left',
      width: 96,
      render: (period: string) => <span data-col="period">{period}</span>,
    },
    ...by.map((dimension, i) => ({
      key: dimension,
      title: dimensionLabel(t, dimension),
      fixed: 'left' as const,
      width: KEY_WIDTH,
      ellipsis: true,
      render: (_: unknown, row: PivotRow) => (
        <span data-col={`key${i}`} title={row.names[i]}>
          {row.names[i]}
        </span>
      ),
    })),
  ];
  const all = valueColumns(state);
  // A fixed width (not max-content), so long names are cut with an ellipsis instead of widening their column.
  const width = 96 + by.length * KEY_WIDTH + all.reduce((sum, column) => sum + widthOf(column), 0);
  for (const measure of state.measures) {
    const own = all.filter((column) => column.measure === measure);
    const title = `${measureLabel(t, measure)}${measureKind(measure) === 'duration' ? t('analysis.hours') : ''}`;
    if (own.length === 1) {
      columns.push({ ...valueCell(own[0] as ValueColumn), title });
    } else {
      columns.push({
        key: measure,
        title,
        children: own.map((column) => ({ ...valueCell(column), title: partLabel(t, column) })),
      });
    }
  }
  return (
    <div data-testid="analysis-table" data-rows={rows.length} data-query={query}>
      <Table<PivotRow>
        size="small"
        bordered
        rowKey="key"
        loading={loading}
        columns={columns}
        dataSource={rows}
        rowClassName={(row) => (row.total ? 'analysis-total-row' : '')}
        onRow={(row) => ({ style: row.total ? { fontWeight: 600, background: '#fafafa' } : undefined })}
        scroll={{ x: width, y: 440 }}
        pagination={{
          current: state.page,
          pageSize: state.size,
          pageSizeOptions: PAGE_SIZES.map(String),
          showSizeChanger: true,
          showTotal: (n) => t('analysis.rows', { n }),
          onChange: onPage,
        }}
      />
    </div>
  );
}
