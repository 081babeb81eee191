import { invalidField } from '../../core/errors.js';
import { type ChartText, emptyChart, finite, frame, label, list, titleSpace } from './chart-parts.js';
import { boundsOf, checkFeatureCollection, mapNameOf, type VillageFeatureCollection } from './geo.js';
import type { ChartSpec } from './spec.js';
import { MUTED, SEQUENTIAL, TEXT_COLOR, textFor } from './theme.js';

const NO_DATA_DECAL = {
  symbol: 'rect' as const,
  symbolSize: 1,
  color: 'rgba(0, 0, 0, 0.28)',
  dashArrayX: [1, 0],
  dashArrayY: [2, 4],
  rotation: Math.PI / 4,
};

export interface VillageMapInput extends ChartText {
  /** The villages' outlines (see placesFeatureCollection); every feature is drawn, grey when it has no value. */
  geo: VillageFeatureCollection;
  /** Values by place code; each code must be a feature of `geo`. */
  values: readonly { code: string; value: number }[];
  /** Unit shown on the colour scale, e.g. 件. */
  unit?: string;
}

/**
 * A choropleth of the villages: light (few) to dark (many), outlines drawn so grey print keeps the borders, names
 * written on each village with a white halo. The outlines travel in `maps` under a name derived from their content,
 * for render.ts (and the HTML report) to register with ECharts before drawing.
 */
export function villageMapChart(input: VillageMapInput): ChartSpec {
  checkFeatureCollection(input.geo, 'geo');
  const text = textFor(input.locale);
  const names = displayNames(input.geo, input.locale === 'en-US');
  const seen = new Set<string>();
  const data = list(input.values, 'values').map((item, i) => {
    const code = label(item?.code, `values.${i}.code`);
    const name = names.get(code);
    if (name === undefined) {
      throw invalidField(`values.${i}.code`, `${code} is not a feature of geo`);
    }
    if (seen.has(code)) {
      throw invalidField(`values.${i}.code`, `${code} appears twice`);
    }
    seen.add(code);
    return { name, value: finite(item.value, `values.${i}.value`) };
  });
  const bounds = boundsOf(input.geo);
  if (input.geo.features.length === 0 || bounds === null) {
    return emptyChart(input);
  }
  const registered: VillageFeatureCollection = {
    type: 'FeatureCollection',
    features: input.geo.features.map((feature) => ({
      type: 'Feature',
      // ECharts matches data to regions by `properties.name`, so that is the (unique) display name.
      properties: { ...feature.properties, name: names.get(feature.properties.code) as string },
      geometry: feature.geometry,
    })),
  };
  const mapName = mapNameOf(JSON.stringify(registered));
  const values = data.map((item) => item.value);
  const min = Math.min(0, ...values);
  const max = Math.max(...values, min + 1);
  const whole = values.every(Number.isInteger);
  const missing = input.geo.features
    .map((feature) => names.get(feature.properties.code) as string)
    .filter((name) => !data.some((item) => item.name === name));
  const option = frame(input);
  option.tooltip = { trigger: 'item', formatter: '{b}: {c}' };
  // Five classes rather than a gradient: a reader of the printed page can match a shade to its range.
  option.visualMap = {
    type: 'piecewise',
    min,
    max,
    splitNumber: SEQUENTIAL.length,
    precision: whole ? 0 : 1,
    left: 12,
    bottom: 12,
    itemWidth: 18,
    itemHeight: 12,
    ...(input.unit && { text: [input.unit, ''], showLabel: true }),
    textStyle: { color: TEXT_COLOR, fontSize: 11 },
    inRange: { color: [...SEQUENTIAL] },
    outOfRange: { color: MUTED },
  };
  if (missing.length > 0) {
    option.title = [
      ...(option.title ? [option.title as object] : []),
      {
        text: text.hatchedNoData,
        right: 12,
        bottom: 12,
        textStyle: { fontSize: 11, fontWeight: 'normal', color: TEXT_COLOR },
      },
    ];
  }
  option.series = [
    {
      type: 'map',
      map: mapName,
      roam: false,
      // Degrees of longitude shrink with latitude; without this the town looks stretched east–west.
      aspectScale: Math.cos((((bounds.minLat + bounds.maxLat) / 2) * Math.PI) / 180),
      top: titleSpace(input) + 4,
      bottom: 16,
      left: 'center',
      label: { show: true, color: TEXT_COLOR, fontSize: 10, textBorderColor: '#ffffff', textBorderWidth: 2 },
      itemStyle: { areaColor: '#f4f4f4', borderColor: '#4a4a4a', borderWidth: 0.8 },
      emphasis: { label: { show: true }, itemStyle: { areaColor: '#f1d39a' } },
      select: { disabled: true },
      data: [
        ...data,
        // Villages without a value: white with grey hatching, distinct from the lightest class in any print.
        ...missing.map((name) => ({
          name,
          value: '-' as const,
          itemStyle: { areaColor: '#ffffff', decal: NO_DATA_DECAL },
          label: { show: true },
        })),
      ],
    },
  ];
  return { option, maps: { [mapName]: registered } };
}

/** Names to show per code; a name shared by two villages gets its code added so the regions stay distinct. */
function displayNames(geo: VillageFeatureCollection, english: boolean): Map<string, string> {
  const chosen = geo.features.map(({ properties }) => ({
    code: properties.code,
    name: (english && properties.nameEn) || properties.name,
  }));
  const uses = new Map<string, number>();
  for (const { name } of chosen) {
    uses.set(name, (uses.get(name) ?? 0) + 1);
  }
  return new Map(
    chosen.map(({ code, name }) => [
      code,
      (uses.get(name) ?? 0) > 1 ? (english ? `${name} (${code})` : `${name}（${code}）`) : name,
    ]),
  );
}
