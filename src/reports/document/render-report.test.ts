import { afterAll, describe, expect, it } from 'vitest';
import { closePdfBrowser } from './pdf.js';
import { REPORT_FORMATS, renderReport } from './render-report.js';
import { sampleBulletin } from './testing.js';

afterAll(closePdfBrowser);

describe('renderReport', () => {
  it('knows the four formats', () => {
    expect(REPORT_FORMATS).toEqual(['docx', 'pdf', 'html', 'xlsx']);
  });

  it.each([
    ['docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'PK'],
    ['pdf', 'application/pdf', '%PDF-'],
    ['html', 'text/html; charset=utf-8', '<!DOCTYPE html>'],
    ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'PK'],
  ] as const)(
    'writes %s with its content type and extension',
    async (format, contentType, magic) => {
      const report = await renderReport(sampleBulletin(), format);
      expect(report.contentType).toBe(contentType);
      expect(report.extension).toBe(format);
      expect(report.bytes.subarray(0, magic.length).toString('latin1')).toBe(magic);
      if (format === 'pdf') {
        expect(['chromium', 'pdfkit']).toContain(report.engine);
      } else {
        expect(report.engine).toBeUndefined();
      }
    },
    60_000,
  );
});
