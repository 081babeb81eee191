/** Test helpers for the HTML report: its visible text, its structure checked as XML, and its embedded chart data. */
import { XMLValidator } from 'fast-xml-parser';

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", '#39': "'" };

/** The page's HTML without the contents of <script> and <style> (the bundle and CSS are not markup). */
export function markupOf(html: string): string {
  return html.replace(/<(script|style)\b([^>]*)>[\s\S]*?<\/\1>/g, '<$1$2></$1>');
}

/**
 * Checks the markup is well formed as XML once the void elements are closed: every element the renderer writes is
 * closed and nested, attributes are quoted, and no text could open a tag. Returns the validator's error or true.
 */
export function checkMarkup(html: string): true | string {
  const xml = markupOf(html)
    .replace(/^<!DOCTYPE html>/, '')
    .replace(/<(meta|br|col|img)\b([^>]*?)>/g, '<$1$2/>');
  const result = XMLValidator.validate(xml);
  return result === true ? true : JSON.stringify(result.err);
}

/** The text a reader sees: tags removed, <br> as a line break, entities decoded. */
export function visibleText(html: string): string {
  return markupOf(html)
    .replace(/<head>[\s\S]*?<\/head>/, '')
    .replace(/<br>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&(lt|gt|amp|quot|apos|#39);/g, (_, name: string) => ENTITIES[name] ?? '');
}

/** The JSON of each chart's data element, parsed, by element id. */
export function chartData(html: string): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const m of html.matchAll(/<script type="application\/json" id="([^"]+)">([\s\S]*?)<\/script>/g)) {
    out.set(m[1] ?? '', JSON.parse(m[2] ?? ''));
  }
  return out;
}
