import type { ReportDocument } from '../document/index.js';

/*
 * A ReportDocument as stored JSON. Documents are plain data, with one exception: a figure carries its PNG as bytes,
 * which JSON cannot hold; they are written as `{ "$bytes": base64 }` and read back as a Uint8Array, so what is
 * rendered from the archive is byte for byte what was built.
 */

const BYTES = '$bytes';

export function encodeDocument(doc: ReportDocument): string {
  // The holder's own value, not `value`: a Buffer's toJSON has already turned `value` into { type, data }.
  return JSON.stringify(doc, function (this: Record<string, unknown>, key: string, value: unknown) {
    const raw = this[key];
    return raw instanceof Uint8Array ? { [BYTES]: Buffer.from(raw).toString('base64') } : value;
  });
}

export function decodeDocument(text: string): ReportDocument {
  return JSON.parse(text, (_key, value: unknown) => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const keys = Object.keys(value);
      const bytes = (value as Record<string, unknown>)[BYTES];
      if (keys.length === 1 && typeof bytes === 'string') {
        return new Uint8Array(Buffer.from(bytes, 'base64'));
      }
    }
    return value;
  }) as ReportDocument;
}

/** The file name of a report: its title and period, e.g. 云溪镇案件信息通报2025年第23周.docx, safe on every system. */
export function reportFileName(doc: Pick<ReportDocument, 'title' | 'subtitle'>, extension: string): string {
  const period = (doc.subtitle ?? '').replace(/^[（(]\s*|\s*[）)]$/g, '').trim();
  const base = `${doc.title}${period === '' ? '' : doc.title.match(/[\u4e00-\u9fff]$/) ? period : ` ${period}`}`;
  // Characters Windows, macOS or a shell would trip over, and controls, become _; 120 characters at most.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what a file name must not hold.
  const safe = Array.from(base.replace(/[\\/:*?"<>|\u0000-\u001f\u007f]/g, '_').trim())
    .slice(0, 120)
    .join('');
  return `${safe === '' ? 'report' : safe}.${extension}`;
}
