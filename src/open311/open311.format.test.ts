import fc from 'fast-check';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { Open311Error } from './open311.errors.js';
import { formatOfUrl, renderXml, splitFormat } from './open311.format.js';

describe('Open311 formats', () => {
  it('splits a path segment at its last dot', () => {
    expect(splitFormat('labour.enterprise_dispute.wage_arrears.xml')).toEqual({
      name: 'labour.enterprise_dispute.wage_arrears',
      format: 'xml',
    });
    expect(splitFormat('12.json')).toEqual({ name: '12', format: 'json' });
    for (const bad of ['12', '.json', '12.html', '12.JSON', '']) {
      expect(() => splitFormat(bad)).toThrow(Open311Error);
    }
    expect(formatOfUrl('/open311/v2/requests.xml?x=.json')).toBe('xml');
    expect(formatOfUrl('/open311/v2/requests.json')).toBe('json');
    expect(formatOfUrl('/open311/v2/requests')).toBe('json');
  });

  it('writes lists in the singular, null as an empty element, and escapes text', () => {
    expect(renderXml('services', [{ service_code: 'a&b', metadata: true, group: null, n: 1.5 }])).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<services><service><service_code>a&amp;b</service_code><metadata>true</metadata><group/><n>1.5</n></service></services>\n',
    );
    expect(renderXml('service_requests', [])).toContain('<service_requests/>');
    expect(() => renderXml('things', [1])).toThrow(/no XML item name/);
  });

  it('writes XML that reads back as the text given, whatever the text', () => {
    const parser = new XMLParser({ parseTagValue: false, trimValues: false, ignoreDeclaration: true });
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const parsed = parser.parse(renderXml('errors', [{ code: 400, description: text }])) as {
          errors: { error: { description: string } };
        };
        // Characters XML cannot carry come back as U+FFFD; everything else as it was.
        expect(parsed.errors.error.description).toBe(xmlReadsBack(text));
      }),
    );
  });
});

/** What an XML reader gives back for text: U+FFFD for what XML 1.0 cannot carry, line ends as LF. */
function xmlReadsBack(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const high = unit >= 0xd800 && unit <= 0xdbff;
    const low = (u: number) => u >= 0xdc00 && u <= 0xdfff;
    if (high && low(text.charCodeAt(i + 1))) {
      out += text.slice(i, i + 2);
      i++;
    } else if ((unit < 0x20 && unit !== 9 && unit !== 10 && unit !== 13) || unit >= 0xfffe || high || low(unit)) {
      out += '\uFFFD';
    } else {
      out += text[i];
    }
  }
  return out.replace(/\r\n?/g, '\n');
}
