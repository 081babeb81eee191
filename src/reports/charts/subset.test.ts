import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { DEBIAN_NOTO_CJK } from './font.js';
import { type PreparedFace, prepareFace, subsetFont, svgCodePoints } from './subset.js';

const FAMILY = 'Noto Sans CJK SC';
const dir = mkdtempSync(join(tmpdir(), 'shanzhi-subset-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const regular = prepareFace(DEBIAN_NOTO_CJK.regular, FAMILY) as PreparedFace;
const bold = prepareFace(DEBIAN_NOTO_CJK.bold, FAMILY) as PreparedFace;

function textSvg(text: string, weight = 'normal'): string {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return (
    '<svg xmlns="http://www.w3.org/2000/svg" width="420" height="40"><rect width="420" height="40" fill="#fff"/>' +
    `<text x="4" y="28" style="font-size:20px;font-family:'${FAMILY}';font-weight:${weight}">${escaped}</text></svg>`
  );
}

function pixels(svg: string, fontFile: string): Buffer {
  return new Resvg(svg, { font: { fontFiles: [fontFile], loadSystemFonts: false, defaultFontFamily: FAMILY } }).render()
    .pixels;
}

function ink(rgba: Buffer): number {
  let dark = 0;
  for (let i = 0; i < rgba.length; i += 4) {
    if ((rgba[i] as number) + (rgba[i + 1] as number) + (rgba[i + 2] as number) < 600) {
      dark++;
    }
  }
  return dark;
}

let files = 0;
function subsetFile(face: PreparedFace, svg: string): string {
  const path = join(dir, `subset-${files++}.otf`);
  writeFileSync(path, subsetFont(face, svgCodePoints(svg)));
  return path;
}

describe('font subsets', () => {
  it('prepares the Noto CJK collection faces (CID-keyed CFF)', () => {
    expect(regular).not.toBeNull();
    expect(bold).not.toBeNull();
    expect(regular.cff.fonts.length).toBeGreaterThan(1);
  });

  it('draws exactly what the full font draws, in a file a fraction of its size', () => {
    const svg = textSvg('苏溪镇 12345热线：涉企劳工纠纷同比下降64%，𠮷 «A&B» ～');
    const subset = subsetFile(regular, svg);
    expect(pixels(svg, subset).equals(pixels(svg, DEBIAN_NOTO_CJK.regular))).toBe(true);
    expect(subsetFont(regular, svgCodePoints(svg)).length).toBeLessThan(1_500_000);
  });

  it('subsets the bold face too', () => {
    const svg = textSvg('基层治理综合画像 Q2', 'bold');
    expect(pixels(svg, subsetFile(bold, svg)).equals(pixels(svg, DEBIAN_NOTO_CJK.bold))).toBe(true);
  });

  it('draws any character as the full font does, and whole strings with the same ink', () => {
    // Chart text: CJK (BMP, compatibility, extension B+), kana and CJK punctuation, Latin/Greek/Cyrillic with
    // accents, symbols, fullwidth forms, and emoji the font lacks. Left out: scripts whose shaping needs GSUB
    // (Hangul with marks, Khmer …), which the subset drops; charts are written in Chinese and English.
    const char = fc.oneof(
      fc.integer({ min: 0x4e00, max: 0x9fff }),
      fc.integer({ min: 0x3000, max: 0x30ff }).filter((code) => code !== 0x302e && code !== 0x302f),
      fc.integer({ min: 0x21, max: 0x7e }),
      fc.integer({ min: 0xa0, max: 0x52f }),
      fc.integer({ min: 0x2000, max: 0x2bff }),
      fc.integer({ min: 0xf900, max: 0xfaff }),
      fc.integer({ min: 0xff01, max: 0xffef }),
      fc.integer({ min: 0x20000, max: 0x2ffff }),
      fc.integer({ min: 0x1f300, max: 0x1f6ff }),
    );
    fc.assert(
      fc.property(fc.array(char, { minLength: 1, maxLength: 12 }), fc.boolean(), (points, isBold) => {
        const [face, full] = isBold ? [bold, DEBIAN_NOTO_CJK.bold] : [regular, DEBIAN_NOTO_CJK.regular];
        const weight = isBold ? 'bold' : 'normal';
        const svg = textSvg(String.fromCodePoint(...points), weight);
        const subset = subsetFile(face, svg);
        for (const point of points.slice(0, 6)) {
          const one = textSvg(String.fromCodePoint(point), weight);
          expect(pixels(one, subset).equals(pixels(one, full)), `U+${point.toString(16)}`).toBe(true);
        }
        // Context can shift a mark or a space by a pixel where GSUB is gone; a lost glyph changes the ink a lot.
        const [inkFull, inkSubset] = [ink(pixels(svg, full)), ink(pixels(svg, subset))];
        expect(Math.abs(inkFull - inkSubset)).toBeLessThanOrEqual(0.03 * inkFull + 10);
      }),
      { numRuns: 12 },
    );
  });

  it('collects the code points of text and of character references', () => {
    const points = svgCodePoints('<text>镇&amp;&#x1F600;&#26449;</text>');
    for (const char of ['镇', '&', '😀', '村']) {
      expect(points.has(char.codePointAt(0) as number)).toBe(true);
    }
  });
});
