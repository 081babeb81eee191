import { describe, expect, it } from 'vitest';
import type { WarningSeries } from '../api/warnings';
import { exceedances, thresholdBand, warningSeriesOption } from './warningSeries';

const series: WarningSeries = {
  weeks: [202645, 202646, 202647],
  observed: [1, 0, 5],
  expected: [null, 1.25, 1.199],
  upperBound: [4, 5, 4],
};
const labels = { observed: '实际', expected: '预期', upperBound: '预警上限', band: '正常波动范围' };

describe('the warning series chart', () => {
  it('shades the band from expected up to the threshold, only where both are known', () => {
    expect(thresholdBand(series)).toEqual({ base: [null, 1.3, 1.2], height: [null, 3.8, 2.8] });
  });

  it('marks the weeks above the threshold', () => {
    expect(exceedances(series)).toEqual([{ index: 2, value: 5 }]);
    expect(exceedances({ ...series, upperBound: [null, null, null] })).toEqual([]);
  });

  it('draws observed, expected, threshold and the stacked band over the weeks', () => {
    const option = warningSeriesOption(series, labels) as {
      xAxis: { data: string[] };
      legend: { data: string[] };
      series: { name: string; stack?: string; areaStyle?: unknown; data: unknown[] }[];
    };
    expect(option.xAxis.data).toEqual(['2026W45', '2026W46', '2026W47']);
    expect(option.legend.data).toEqual(['实际', '预期', '预警上限', '正常波动范围']);
    const byName = Object.fromEntries(option.series.map((s) => [s.name, s]));
    expect(byName['band-base']?.stack).toBe('band');
    expect(byName.正常波动范围?.stack).toBe('band');
    expect(byName.正常波动范围?.areaStyle).toBeDefined();
    expect(byName['band-base']?.areaStyle).toBeUndefined();
    expect(byName.预期?.data).toEqual([null, 1.3, 1.2]);
    expect(byName.预警上限?.data).toEqual([4, 5, 4]);
    const observed = byName.实际?.data ?? [];
    expect(observed.slice(0, 2)).toEqual([1, 0]);
    expect(observed[2]).toMatchObject({ value: 5, itemStyle: { color: '#f5222d' } });
  });
});
