import { crc32, deflateRawSync } from 'node:zlib';

/*
 * Hand-made XLSX files for the reader's tests: a small zip writer (stored or deflated entries, data descriptors,
 * ZIP64 end records, UTF-8 or CP437 names) and a workbook of given sheet XML.
 */

export interface ZipFile {
  name: string;
  data: string | Buffer;
  /** 8 (deflated, the default) or 0 (stored). */
  method?: 0 | 8;
  /** Sizes and CRC in a data descriptor after the data (bit 3), zero in the local header. */
  descriptor?: boolean;
}

export interface ZipOptions {
  /** Write the ZIP64 end records, with 0xFFFF / 0xFFFFFFFF in the classic one. */
  zip64?: boolean;
  comment?: string;
  /** Names without the UTF-8 flag (bit 11). */
  cp437?: boolean;
}

/** A zip file of these entries, in this order. */
export function makeZip(files: readonly ZipFile[], options: ZipOptions = {}): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const data = typeof file.data === 'string' ? Buffer.from(file.data, 'utf8') : file.data;
    const method = file.method ?? 8;
    const stored = method === 8 ? deflateRawSync(data) : data;
    const name = Buffer.from(file.name, options.cp437 ? 'latin1' : 'utf8');
    const crc = crc32(data);
    const flags = (options.cp437 ? 0 : 0x800) | (file.descriptor ? 0x8 : 0);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(file.descriptor ? 0 : crc, 14);
    local.writeUInt32LE(file.descriptor ? 0 : stored.length, 18);
    local.writeUInt32LE(file.descriptor ? 0 : data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const descriptor = Buffer.alloc(file.descriptor ? 16 : 0);
    if (file.descriptor) {
      descriptor.writeUInt32LE(0x08074b50, 0);
      descriptor.writeUInt32LE(crc, 4);
      descriptor.writeUInt32LE(stored.length, 8);
      descriptor.writeUInt32LE(data.length, 12);
    }
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(flags, 8);
    entry.writeUInt16LE(method, 10);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(stored.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    parts.push(local, name, stored, descriptor);
    central.push(entry, name);
    offset += local.length + name.length + stored.length + descriptor.length;
  }
  const directory = Buffer.concat(central);
  const comment = Buffer.from(options.comment ?? '', 'utf8');
  const end: Buffer[] = [];
  if (options.zip64) {
    const record = Buffer.alloc(56);
    record.writeUInt32LE(0x06064b50, 0);
    record.writeBigUInt64LE(44n, 4);
    record.writeUInt16LE(45, 12);
    record.writeUInt16LE(45, 14);
    record.writeBigUInt64LE(BigInt(files.length), 24);
    record.writeBigUInt64LE(BigInt(files.length), 32);
    record.writeBigUInt64LE(BigInt(directory.length), 40);
    record.writeBigUInt64LE(BigInt(offset), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(offset + directory.length), 8);
    locator.writeUInt32LE(1, 16);
    end.push(record, locator);
  }
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(options.zip64 ? 0xffff : files.length, 8);
  eocd.writeUInt16LE(options.zip64 ? 0xffff : files.length, 10);
  eocd.writeUInt32LE(options.zip64 ? 0xffffffff : directory.length, 12);
  eocd.writeUInt32LE(options.zip64 ? 0xffffffff : offset, 16);
  eocd.writeUInt16LE(comment.length, 20);
  return Buffer.concat([...parts, directory, ...end, eocd, comment]);
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELATIONSHIPS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** A worksheet part holding these <row> elements. */
export const worksheetXml = (rows: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN}"><sheetData>${rows}</sheetData></worksheet>`;

/** A shared strings part of these <si> items (their inner XML). */
export const sharedStringsXml = (items: readonly string[]) =>
  `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN}" count="${items.length}">${items.map((item) => `<si>${item}</si>`).join('')}</sst>`;

/** A styles part: custom number formats (id → code) and the number format of each cell style. */
export const stylesXml = (formats: Readonly<Record<number, string>>, cellFormats: readonly number[]) =>
  `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="${MAIN}"><numFmts>${Object.entries(formats)
    .map(([id, code]) => `<numFmt numFmtId="${id}" formatCode="${code.replace(/"/g, '&quot;')}"/>`)
    .join('')}</numFmts><cellStyleXfs><xf numFmtId="14"/></cellStyleXfs><cellXfs>${cellFormats
    .map((id) => `<xf numFmtId="${id}" fontId="0"/>`)
    .join('')}</cellXfs></styleSheet>`;

export interface SheetPart {
  name: string;
  xml: string;
  hidden?: boolean;
}

/** The parts of a workbook of these sheets (xl/worksheets/sheetN.xml), with shared strings and styles if given. */
export function workbookParts(
  sheets: readonly SheetPart[],
  options: { sharedStrings?: string; styles?: string; date1904?: boolean } = {},
): ZipFile[] {
  const relationship = (id: string, type: string, target: string) =>
    `<Relationship Id="${id}" Type="${RELATIONSHIPS}/${type}" Target="${target}"/>`;
  const rels = [
    ...sheets.map((_, i) => relationship(`rId${i + 1}`, 'worksheet', `worksheets/sheet${i + 1}.xml`)),
    options.sharedStrings === undefined ? '' : relationship('rIdS', 'sharedStrings', 'sharedStrings.xml'),
    options.styles === undefined ? '' : relationship('rIdT', 'styles', '/xl/styles.xml'),
  ].join('');
  const sheetList = sheets
    .map((sheet, i) => {
      const state = sheet.hidden ? ' state="hidden"' : '';
      return `<sheet name="${sheet.name}" sheetId="${i + 1}"${state} r:id="rId${i + 1}"/>`;
    })
    .join('');
  const files: ZipFile[] = [
    {
      name: '_rels/.rels',
      data: `<Relationships xmlns="${PACKAGE}">${relationship('rId1', 'officeDocument', 'xl/workbook.xml')}</Relationships>`,
    },
    {
      name: 'xl/workbook.xml',
      data:
        `<workbook xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}"><workbookPr${options.date1904 ? ' date1904="1"' : ''}/>` +
        `<sheets>${sheetList}</sheets></workbook>`,
    },
    { name: 'xl/_rels/workbook.xml.rels', data: `<Relationships xmlns="${PACKAGE}">${rels}</Relationships>` },
    ...sheets.map((sheet, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data: sheet.xml })),
  ];
  if (options.sharedStrings !== undefined) {
    files.push({ name: 'xl/sharedStrings.xml', data: options.sharedStrings });
  }
  if (options.styles !== undefined) {
    files.push({ name: 'xl/styles.xml', data: options.styles });
  }
  return files;
}
