import { invalidField } from '../../core/errors.js';
import type { Locale } from '../../core/time/index.js';
import type { ChartOption, ChartSpec } from './spec.js';
import { AXIS_COLOR, CHART_FONT_STACK, GRID_LINE_COLOR, MUTED, PALETTE, TEXT_COLOR, textFor } from './theme.js';

/* Pieces the builders share: the common frame of a chart, the "no data" chart, and checks of the plain input. */

/** What every builder takes besides its data. */
export interface ChartText {
  /** Title drawn in the chart (documents may leave it out and write a caption instead). */
  title?: string;
  subtitle?: string;
  /** Language of the words the chart writes itself (legend defaults, "others", week labels); zh-CN by default. */
  locale?: Locale;
}

/** One named value, e.g. a category and its count. */
export interface NamedValue {
  name: string;
  value: number;
}

/** Space the title takes at the top, in pixels. */
export function titleSpace({ title, subtitle }: ChartText): number {
  if (!title) {
    return 16;
  }
  return subtitle ? 66 : 46;
}

/** The frame of every chart: no animation, white paper, the palette, the font stack, the title. */
export function frame(text: ChartText): ChartOption {
  const option: ChartOption = {
    animation: false,
    backgroundColor: '#ffffff',
    color: [...PALETTE],
    textStyle: { fontFamily: CHART_FONT_STACK, color: TEXT_COLOR },
  };
  if (text.title) {
    option.title = {
      text: text.title,
      left: 'center',
      top: 8,
      textStyle: { fontSize: 16, fontWeight: 'bold', color: TEXT_COLOR },
      ...(text.subtitle && { subtext: text.subtitle, subtextStyle: { fontSize: 12, color: AXIS_COLOR } }),
    };
  }
  return option;
}

/** A chart with nothing to plot: the title and a centred "no data", so the document still shows the figure. */
export function emptyChart(text: ChartText): ChartSpec {
  const option = frame(text);
  const noData = {
    text: textFor(text.locale).noData,
    left: 'center',
    top: 'middle',
    textStyle: { fontSize: 14, fontWeight: 'normal' as const, color: MUTED },
  };
  option.title = option.title ? [option.title as object, noData] : [noData];
  return { option };
}

/**
 * The plotting box of a cartesian chart: everything (axis labels and names included) fits inside it, so long
 * labels shrink the plot instead of running into the legend below or off the paper.
 */
export function gridBox(text: ChartText, withLegend: boolean) {
  return {
    left: 12,
    right: 24,
    top: titleSpace(text) + 4,
    bottom: withLegend ? 38 : 10,
    outerBoundsMode: 'same' as const,
    outerBoundsContain: 'all' as const,
  };
}

export const axisLabel = { color: AXIS_COLOR, fontSize: 11 } as const;
export const splitLine = { lineStyle: { color: GRID_LINE_COLOR } } as const;
export const legend = { bottom: 6, itemWidth: 22, itemHeight: 12, textStyle: { color: TEXT_COLOR } } as const;

/**
 * A finite number, or an invalid_input error naming the field. Magnitudes below 1e-9 become 0: nothing a report
 * plots is that small, and ECharts fails on axis extents around 1e-20 (it cannot find nice ticks).
 */
export function finite(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw invalidField(path, `must be a finite number, got ${String(value)}`);
  }
  return Math.abs(value) < 1e-9 ? 0 : value;
}

/** A string (labels may be empty: they are the caller's data). */
export function label(value: unknown, path: string): string {
  if (typeof value !== 'string') {
    throw invalidField(path, 'must be a string');
  }
  return value;
}

/** An array, or an invalid_input error naming the field. */
export function list<T>(value: readonly T[] | undefined, path: string): readonly T[] {
  if (!Array.isArray(value)) {
    throw invalidField(path, 'must be an array');
  }
  return value;
}

/** A positive whole count such as "top N". */
export function count(value: number | undefined, fallback: number, path: string): number {
  if (value === undefined) {
    return fallback;
  }
  if (!Number.isInteger(value) || value < 1) {
    throw invalidField(path, `must be a whole number ≥ 1, got ${String(value)}`);
  }
  return value;
}

/**
 * The largest `top` items by value (ties keep their input order) and, when more are left, one "others" item
 * summing them, with how many it stands for.
 */
export function topWithOthers(
  items: readonly NamedValue[],
  top: number,
): { kept: NamedValue[]; others: { value: number; count: number } | null } {
  const sorted = [...items].sort((a, b) => b.value - a.value);
  const rest = sorted.slice(top);
  return {
    kept: sorted.slice(0, top),
    others: rest.length > 0 ? { value: rest.reduce((sum, item) => sum + item.value, 0), count: rest.length } : null,
  };
}

/** A round upper bound for an axis: 1, 2, 2.5, 5 or 10 times a power of ten, at least `value`; 1 for nothing. */
export function niceMax(value: number): number {
  if (!(value > 0)) {
    return 1;
  }
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 2.5, 5, 10].find((m) => m * power >= value) ?? 10;
  return step * power;
}
