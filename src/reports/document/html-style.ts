/**
 * The stylesheet of the HTML report: the official look on screen (an A4-wide sheet of paper), and print rules for
 * Chromium's PDF (A4 with the GB/T 9704-2012 margins, page numbers in the page-margin boxes, header rows repeated).
 * Sizes and fonts come from the same theme as the DOCX (docx-style.ts), so the formats set text alike.
 */
import type { Locale } from '../../core/time/index.js';
import { type FontRole, type TextStyle, themeOf } from './docx-style.js';

/**
 * Each role's font as an @font-face of installed fonts (local(): full and PostScript names), the GB/T 9704 face
 * first, then what Windows, macOS and Debian (fonts-noto-cjk) have, as docs/reports.md's font table lists them.
 * The title face is a bold cut already (小标宋), so it is declared at normal weight and never made bolder.
 */
const FACES: Record<FontRole, { family: string; local: string[]; fallback: string }> = {
  xiaobiaosong: {
    family: 'Shanzhi Title',
    local: [
      '方正小标宋简体',
      'FZXiaoBiaoSong-B05S',
      '华文中宋',
      'STZhongsong',
      'Noto Serif CJK SC Bold',
      'NotoSerifCJKsc-Bold',
      'Source Han Serif SC Bold',
      'SourceHanSerifSC-Bold',
    ],
    fallback: "'Noto Serif CJK SC', 'Source Han Serif SC', 'Songti SC', SimSun, serif",
  },
  fangsong: {
    family: 'Shanzhi FangSong',
    local: [
      '仿宋_GB2312',
      'FangSong_GB2312',
      '仿宋',
      'FangSong',
      'STFangsong',
      'Noto Serif CJK SC',
      'NotoSerifCJKsc-Regular',
      'Source Han Serif SC',
      'SourceHanSerifSC-Regular',
    ],
    fallback: "仿宋, FangSong, 'Noto Serif CJK SC', 'Source Han Serif SC', 'Songti SC', SimSun, serif",
  },
  kaiti: {
    family: 'Shanzhi KaiTi',
    local: [
      '楷体_GB2312',
      'KaiTi_GB2312',
      '楷体',
      'KaiTi',
      'STKaiti',
      'AR PL UKai CN',
      'Noto Serif CJK SC',
      'NotoSerifCJKsc-Regular',
    ],
    fallback: "楷体, KaiTi, 'Kaiti SC', 'AR PL UKai CN', 'Noto Serif CJK SC', serif",
  },
  heiti: {
    family: 'Shanzhi HeiTi',
    local: [
      '黑体',
      'SimHei',
      'STHeiti',
      'Noto Sans CJK SC',
      'NotoSansCJKsc-Regular',
      'Source Han Sans SC',
      'SourceHanSansSC-Regular',
    ],
    fallback: "黑体, SimHei, 'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif",
  },
  songti: {
    family: 'Shanzhi SongTi',
    local: ['宋体', 'SimSun', 'STSong', 'Noto Serif CJK SC', 'NotoSerifCJKsc-Regular', 'Source Han Serif SC'],
    fallback: "宋体, SimSun, 'Songti SC', 'Noto Serif CJK SC', serif",
  },
  times: {
    family: 'Shanzhi Times',
    local: ['Times New Roman', 'TimesNewRomanPSMT', 'Liberation Serif', 'LiberationSerif', 'Tinos'],
    fallback: "'Times New Roman', 'Liberation Serif', 'Noto Serif', serif",
  },
};

/** The CSS font-family list of a role (Latin face first, then the CJK one for Chinese text in English documents). */
function families(style: TextStyle): string {
  const latin = FACES[style.latin];
  const cjk = FACES[style.cjk];
  return style.latin === style.cjk
    ? `'${latin.family}', ${latin.fallback}`
    : `'${latin.family}', ${latin.fallback.replace(/, serif$/, '')}, '${cjk.family}', ${cjk.fallback}`;
}

/** A text style as CSS declarations: font, size (half-points → pt), weight, slant. */
function font(style: TextStyle, weight: 'normal' | 'bold' = style.bold ? 'bold' : 'normal'): string {
  const title = style.cjk === 'xiaobiaosong';
  return [
    `font-family: ${families(style)};`,
    `font-size: ${style.size / 2}pt;`,
    `font-weight: ${title ? 'normal' : weight};`,
    `font-style: ${style.italic ? 'italic' : 'normal'};`,
  ].join(' ');
}

function fontFaces(): string {
  return Object.values(FACES)
    .map(
      (face) =>
        `@font-face { font-family: '${face.family}'; src: ${face.local.map((n) => `local('${n}')`).join(', ')}; }`,
    )
    .join('\n');
}

/** The stylesheet of a document in this locale. */
export function htmlStyle(locale: Locale): string {
  const theme = themeOf(locale);
  const zh = locale === 'zh-CN';
  const pt = (twips: number) => `${twips / 20}pt`;
  const line = theme.lineExact !== undefined ? pt(theme.lineExact) : String(theme.lineAuto / 240);
  const pageNumber = (side: 'left' | 'right') =>
    `@bottom-${side} { content: "${zh ? '— ' : ''}" counter(page) "${zh ? ' —' : ''}"; ${font(theme.pageNumber)} vertical-align: top; padding-top: 4mm; padding-${side}: ${zh ? '1em' : '0'}; }`;
  return `${fontFaces()}
:root { color: #000; background: #e8eaed; }
body { margin: 0; }
.page { box-sizing: border-box; width: 210mm; max-width: 100%; margin: 24px auto; padding: 37mm 26mm 35mm 28mm;
  background: #fff; box-shadow: 0 1px 4px rgba(0, 0, 0, 0.25); ${font(theme.body)} line-height: ${line};
  letter-spacing: ${pt(theme.charSpacing)}; }
.page p, .page ul, .page figure, .page h1, .page h2, .page h3, .page h4, .page h5 { margin: 0; }
.page p { margin-bottom: ${pt(theme.paragraphAfter)}; }
.doc-number { text-align: center; margin-bottom: ${line} !important; }
h1.title { ${font(theme.title)} text-align: center; line-height: ${zh ? pt(theme.lineExact ?? 0) : '1.3'}; }
.subtitle { ${font(theme.subtitle)} text-align: center; }
.head-end { height: ${line}; }
.body-text { text-align: justify; text-indent: ${pt(theme.indent)}; }
.h1 { ${font(theme.headings[1])} } .h2 { ${font(theme.headings[2])} } .h3 { ${font(theme.headings[3])} } .h4 { ${font(theme.headings[4])} }
.heading { text-indent: ${pt(theme.indent)}; margin-bottom: ${pt(theme.paragraphAfter)}; break-after: avoid; }
ul.list { list-style: none; padding: 0; }
ul.list li { text-indent: ${pt(theme.indent)}; margin-bottom: ${pt(theme.paragraphAfter)}; }
ul.list li::before { content: '• '; }
.sheet-title { ${font(theme.sheet)} text-align: center; break-after: avoid; }
section.sheet:not(.first) { break-before: page; }
.page-break { break-after: page; height: 0; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; margin: 0 auto; letter-spacing: 0; }
caption { ${font(theme.caption)} line-height: ${line}; caption-side: top; text-align: center; break-after: avoid; }
th, td { border: 0.5pt solid #000; padding: 2pt 4pt; line-height: ${pt(theme.tableLine)}; vertical-align: middle;
  overflow-wrap: anywhere; }
th { ${font(theme.tableHeader)} text-align: center; }
td { ${font(theme.tableCell)} }
tr { break-inside: avoid; }
thead { display: table-header-group; }
tr.total td { font-weight: bold; }
.left { text-align: left; } .center { text-align: center; } .right { text-align: right; }
td.right { font-variant-numeric: tabular-nums; }
.table-block { margin-bottom: 10pt; }
.note { ${font(theme.note)} line-height: ${pt(theme.tableLine)}; margin: 3pt 0 0 !important; }
.note + .note { padding-left: ${zh ? '2em' : '2.6em'}; }
figure.figure { text-align: center; break-inside: avoid; margin-bottom: calc(${pt(theme.paragraphAfter)} + 8pt); }
figure.figure img { max-width: 100%; max-height: 180mm; height: auto; }
.chart { margin: 0 auto; max-width: 100%; letter-spacing: 0; text-indent: 0; }
.chart svg { display: block; width: 100%; height: 100%; }
figcaption { ${font(theme.caption)} line-height: ${line}; text-align: center; }
.closing { margin-top: ${line}; break-inside: avoid; break-before: avoid; }
.issuer, .date { white-space: nowrap; }
@media screen and (max-width: 220mm) { .page { margin: 0; padding: 16px; box-shadow: none; } }
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
${zh ? `@page :right { ${pageNumber('right')} }\n@page :left { ${pageNumber('left')} }` : `@page { @bottom-center { content: counter(page); ${font(theme.pageNumber)} vertical-align: top; padding-top: 4mm; } }`}
@media print {
  :root { background: #fff; }
  .page { width: auto; max-width: none; margin: 0; padding: 0; box-shadow: none; }
}
`;
}
