import type { EChartsCoreOption } from 'echarts/core';
import type { VillageFeatureCollection } from '../api/places';
import type { StatsAnswer, StatsKey } from '../api/stats';

export interface VillageValue {
  code: string;
  name: string;
  value: number;
}

/** Records per village in one period of a `by=village` answer (the unknown place has no outline to colour). */
export function villageValues(answer: StatsAnswer, period: string, english: boolean): VillageValue[] {
  return answer.rows.flatMap((row) => {
    const key = row.keys.village as StatsKey | undefined;
    if (row.period !== period || !key?.code) {
      return [];
    }
    return [{ code: key.code, name: (english && key.nameEn) || key.name, value: row.values.records ?? 0 }];
  });
}

/**
 * The choropleth: features are matched by place code (names may repeat across towns), coloured on a continuous
 * scale from 0 to the largest village; villages without records stay grey.
 */
export function villageMapOption(
  mapName: string,
  geo: VillageFeatureCollection,
  values: readonly VillageValue[],
  seriesName: string,
  english: boolean,
): EChartsCoreOption {
  const names = new Map(
    geo.features.map((feature) => [
      feature.properties.code,
      (english && feature.properties.nameEn) || feature.properties.name,
    ]),
  );
  const max = Math.max(1, ...values.map((value) => value.value));
  return {
    tooltip: {
      trigger: 'item',
      formatter: (params: { name: string; value?: number }) =>
        `${names.get(params.name) ?? params.name}<br/>${seriesName}：${Number.isFinite(params.value) ? params.value : 0}`,
    },
    visualMap: {
      min: 0,
      max,
      calculable: true,
      left: 8,
      bottom: 8,
      itemHeight: 100,
      inRange: { color: ['#e6f4ff', '#69b1ff', '#0958d9', '#002c8c'] },
    },
    series: [
      {
        name: seriesName,
        type: 'map',
        map: mapName,
        nameProperty: 'code',
        roam: true,
        label: { show: false },
        emphasis: { label: { show: true, formatter: (params: { name: string }) => names.get(params.name) ?? '' } },
        itemStyle: { areaColor: '#f0f0f0', borderColor: '#8c8c8c', borderWidth: 0.6 },
        data: values.map((value) => ({ name: value.code, value: value.value })),
      },
    ],
  };
}
