/** Runs and line spacing shared by the DOCX renderer's parts. */
import { type IParagraphOptions, LineRuleType, TextRun } from 'docx';
import type { Run } from './document.js';
import { FONTS, type TextStyle, type Theme } from './docx-style.js';
import { textLines } from './format.js';

export type ParagraphOptions = Omit<IParagraphOptions, 'children'>;

/** A text as runs in a style: one run per line, joined by line breaks; cleaned of characters XML cannot carry. */
export function runsOf(text: string, style: TextStyle, theme: Theme, bold = style.bold === true): TextRun[] {
  const latin = FONTS[style.latin].name;
  const cjk = FONTS[style.cjk].name;
  return textLines(text).map(
    (line, i) =>
      new TextRun({
        text: line,
        ...(i > 0 ? { break: 1 } : {}),
        // w:eastAsia picks the CJK face for Chinese; the hint sends ambiguous marks (“” — …) to it as well in zh-CN.
        font: {
          ascii: latin,
          hAnsi: latin,
          cs: latin,
          eastAsia: cjk,
          ...(theme.locale === 'zh-CN' ? { hint: 'eastAsia' } : {}),
        },
        size: style.size,
        sizeComplexScript: style.size,
        ...(bold ? { bold: true } : {}),
        ...(style.italic ? { italics: true } : {}),
        ...(theme.charSpacing !== 0 ? { characterSpacing: theme.charSpacing } : {}),
      }),
  );
}

/** Paragraph runs in a style; a run's `bold` adds to the style's weight. */
export function runsOfParts(runs: readonly Run[], style: TextStyle, theme: Theme): TextRun[] {
  return runs.flatMap((run) => runsOf(run.text, style, theme, run.bold === true || style.bold === true));
}

/** Text paragraphs sit on the 22-line grid in zh-CN (exact 28.95 pt); en-US uses 1.15 lines. */
export function textSpacing(theme: Theme, after = theme.paragraphAfter): ParagraphOptions['spacing'] {
  return theme.lineExact !== undefined
    ? { line: theme.lineExact, lineRule: LineRuleType.EXACT, before: 0, after }
    : { line: theme.lineAuto, lineRule: LineRuleType.AUTO, before: 0, after };
}
