import type { CellFormat, ColumnSpec } from './columns.js';
import type { DemoFileProfile } from './profiles.js';

/** A format in the README's words. */
export function describeFormat(format: CellFormat): string {
  switch (format.type) {
    case 'text':
      return '文本';
    case 'integer':
      return '整数';
    case 'degrees':
      return 'WGS84 经纬度（度，6 位小数）';
    case 'excel_datetime':
      return `Excel 日期时间单元格（北京时间，显示格式 ${format.numFmt}）`;
    case 'text_datetime':
      return `文本日期时间，格式 ${format.pattern}（北京时间）`;
    case 'enum':
      return `取值：${Object.values(format.values).join('、')}`;
    case 'boolean':
      return `${format.yes} / ${format.no}，空白为未知`;
    case 'category_path': {
      const s = format.separator;
      return `事项分类各级名称，以“${s}”连接，如 市容环境${s}占道经营、劳动保障${s}涉企劳工纠纷${s}欠薪`;
    }
    case 'category_name':
      return '事项分类（末级）名称';
    case 'place_label':
      return '村（社区）名称；落到村民小组的写作“村名+小组名”，如 后山村第二村民小组';
    case 'town_name':
      return '镇（街道）名称';
    case 'department_name':
      return '承办单位名称';
    case 'yuan':
      return `金额（元），${format.decimals} 位小数`;
  }
}

function columnLines(columns: readonly ColumnSpec[]): string[] {
  return columns.map(({ header, format, note }, i) => {
    const extra = note ? `；${note}` : '';
    return `  ${String(i + 1).padStart(2, ' ')}. ${header}：${describeFormat(format)}${extra}`;
  });
}

const ENCODING_ZH: Record<string, string> = {
  utf8: 'UTF-8（无 BOM）',
  'utf8-bom': 'UTF-8（带 BOM）',
  gb18030: 'GB18030（无 BOM）',
};

/** What the demo run says about itself at the top of the README. */
export interface ReadmeFacts {
  townName: string;
  seed: string;
  records: number;
  firstWeek: number;
  lastWeek: number;
  /** Rows (or items) of each file by name. */
  rows: ReadonlyMap<string, number>;
}

/** The README.txt of an export folder, in Chinese: what each file is, its encoding, columns and formats. */
export function demoReadme(facts: ReadmeFacts, profiles: readonly DemoFileProfile[]): string {
  const lines = [
    `善治 Shanzhi 演示数据：${facts.townName}（虚构镇街）`,
    '',
    '本目录的文件由 `shanzhi demo generate --out` 生成，模拟镇街之间真实交换的导出文件。所有人员、电话、企业和事件',
    '均为虚构，仅供演示、测试与评测，不得当作真实数据使用。',
    '',
    `随机种子：${facts.seed}；记录总数：${facts.records}；时间范围：ISO 周 ${facts.firstWeek} 至 ${facts.lastWeek}。`,
    '所有时间均为北京时间（Asia/Shanghai，UTC+8）。种子与参数相同，生成的文件逐字节相同。',
    '',
  ];
  for (const profile of profiles) {
    const rows = facts.rows.get(profile.name);
    lines.push(`【${profile.name}】${profile.title}`);
    lines.push(`  ${profile.description}`);
    const layout = [
      profile.encoding ? `编码 ${ENCODING_ZH[profile.encoding] ?? profile.encoding}` : undefined,
      profile.lineEnd === '\r\n' ? '换行 CRLF' : profile.lineEnd === '\n' ? '换行 LF' : undefined,
      profile.sourceSystem ? `来源系统标识 ${profile.sourceSystem}` : undefined,
      rows === undefined ? undefined : `共 ${rows} ${profile.unit}`,
    ].filter((part) => part !== undefined);
    if (layout.length > 0) {
      lines.push(`  ${layout.join('；')}。`);
    }
    if (profile.columns.length > 0) {
      lines.push(profile.format === 'json' ? '  字段：' : '  列：');
      lines.push(...columnLines(profile.columns));
    }
    lines.push('');
  }
  return lines.join('\r\n');
}
