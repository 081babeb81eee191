import type { Locale } from '../../core/time/index.js';
import { type Block, formatCell, type Run } from '../document/index.js';

/* Number words and block tidying every report builder shares, so a figure reads the same in text and in tables. */

/** A count as the document's tables show it (1,284). */
export function countText(n: number, locale: Locale): string {
  return formatCell(n, { format: 'number' }, locale);
}

/** A ratio as the document's tables show it (0.125 → 12.5%). */
export function percentText(ratio: number, locale: Locale): string {
  return formatCell(ratio, { format: 'percent' }, locale);
}

/** Hours with one decimal from milliseconds. */
export function hoursOf(ms: number | null): number | null {
  return ms === null ? null : Math.round((ms / 3_600_000) * 10) / 10;
}

/**
 * A relative change in words (上升25.0% / up 25.0%); with no ratio, why: both periods empty (持平), nothing before
 * (上期为零，无可比) or nothing known (无可比数据).
 */
export function changeText(ratio: number | null, locale: Locale, previous?: number, current?: number): string {
  const en = locale === 'en-US';
  if (ratio === null) {
    if (previous === 0) {
      if (current === 0) {
        return en ? 'unchanged' : '持平';
      }
      return en ? 'not comparable (none before)' : '上期为零，无可比';
    }
    return en ? 'not comparable' : '无可比数据';
  }
  if (ratio === 0) {
    return en ? 'unchanged' : '持平';
  }
  const size = percentText(Math.abs(ratio), locale);
  return en ? `${ratio > 0 ? 'up' : 'down'} ${size}` : `${ratio > 0 ? '上升' : '下降'}${size}`;
}

/** A paragraph without the empty runs a builder left for sentences that did not apply. */
export function dropEmptyRuns(block: Block): Block {
  if (block.type !== 'paragraph') {
    return block;
  }
  return { ...block, runs: block.runs.filter((run: Run) => run.text !== '') };
}
