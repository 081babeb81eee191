import type { EChartsCoreOption } from 'echarts/core';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import type { CSSProperties } from 'react';
import { echarts } from '../charts/echarts';

/** Chart text in the same CJK font stack as the rest of the page. */
export const CHART_FONT = "'Noto Sans CJK SC', 'Noto Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";

export interface EChartProps {
  /** Built by a pure function in charts/ (unit-tested there). */
  option: EChartsCoreOption;
  style?: CSSProperties;
  onClick?(params: { name?: string; data?: unknown; dataIndex?: number }): void;
  testId?: string;
}

/** The one ECharts wrapper: owns the instance, resizes with its box, replaces the option when it changes. */
export function EChart({ option, style, onClick, testId }: EChartProps) {
  return (
    <div data-testid={testId}>
      <ReactEChartsCore
        echarts={echarts}
        option={{ textStyle: { fontFamily: CHART_FONT }, ...option }}
        notMerge
        style={{ height: 320, width: '100%', ...style }}
        onEvents={onClick ? { click: onClick } : undefined}
      />
    </div>
  );
}
