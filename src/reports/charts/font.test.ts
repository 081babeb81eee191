import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.js';
import { DEBIAN_NOTO_CJK, FONT_ENV, findCjkFont } from './font.js';
import { prepareFace, subsetFont } from './subset.js';

const dir = mkdtempSync(join(tmpdir(), 'shanzhi-font-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, bytes: Buffer | string): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

const codePoints = (text: string) => [...text].map((char) => char.codePointAt(0) ?? 0);

function failure(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected an error');
}

describe('findCjkFont', () => {
  it("finds Debian's Noto Sans CJK, regular and bold, and names the Simplified Chinese family", () => {
    const font = findCjkFont({ env: {} });
    expect(font).toEqual({ files: [DEBIAN_NOTO_CJK.regular, DEBIAN_NOTO_CJK.bold], family: 'Noto Sans CJK SC' });
  });

  it('takes SHANZHI_CJK_FONT instead, one file or several joined by ":"', () => {
    expect(findCjkFont({ env: { [FONT_ENV]: DEBIAN_NOTO_CJK.regular } })).toEqual({
      files: [DEBIAN_NOTO_CJK.regular],
      family: 'Noto Sans CJK SC',
    });
    const both = `${DEBIAN_NOTO_CJK.regular}:${DEBIAN_NOTO_CJK.bold}`;
    expect(findCjkFont({ env: { [FONT_ENV]: both } }).files).toHaveLength(2);
  });

  it('reads the family from the file, whatever the file is called', () => {
    const face = prepareFace(DEBIAN_NOTO_CJK.regular, 'Noto Sans CJK SC');
    expect(face).not.toBeNull();
    const renamed = file(
      'my-font.otf',
      subsetFont(face as NonNullable<typeof face>, codePoints('中文镇村投诉案件ABC')),
    );
    expect(findCjkFont({ env: { [FONT_ENV]: renamed } })).toEqual({ files: [renamed], family: 'Noto Sans CJK SC' });
  });

  it.each([
    ['woff2 by name', 'chart.woff2', Buffer.from('wOF2\x00\x01\x00\x00', 'latin1')],
    ['woff by name', 'chart.woff', Buffer.from('wOFF\x00\x01\x00\x00', 'latin1')],
    ['woff content behind a .ttf name', 'disguised.ttf', Buffer.from('wOFF\x00\x01\x00\x00', 'latin1')],
  ])('refuses a web font (%s): resvg would draw no text', (_, name, bytes) => {
    const error = failure(() => findCjkFont({ env: { [FONT_ENV]: file(name, bytes) } }));
    expect(error.code).toBe('unavailable');
    expect(error.message).toMatch(/WOFF2? web font/);
    expect(error.message).toContain('.ttf');
    expect(error.message).toContain(name);
  });

  it('says what to install when there is no CJK font at all', () => {
    const error = failure(() => findCjkFont({ env: {}, system: { regular: join(dir, 'absent.ttc') } }));
    expect(error.code).toBe('unavailable');
    expect(error.message).toContain('apt-get install fonts-noto-cjk');
    expect(error.message).toContain(FONT_ENV);
    expect(error.details).toMatchObject({ hint: expect.stringContaining('fonts-noto-cjk') });
  });

  it('does not fall back when SHANZHI_CJK_FONT names a missing file', () => {
    const missing = join(dir, 'missing.ttf');
    const error = failure(() => findCjkFont({ env: { [FONT_ENV]: missing } }));
    expect(error.message).toContain(`${FONT_ENV}: ${missing} does not exist`);
  });

  it('refuses a file that is not a font, and a truncated one', () => {
    expect(failure(() => findCjkFont({ env: { [FONT_ENV]: file('notes.ttf', 'hello') } })).message).toContain(
      'is not a TrueType/OpenType font',
    );
    const head = readFileSync(DEBIAN_NOTO_CJK.regular).subarray(0, 600);
    expect(failure(() => findCjkFont({ env: { [FONT_ENV]: file('cut.ttc', head) } })).message).toContain(
      'is not a readable font',
    );
  });

  it('refuses a font without Chinese glyphs: the charts would be tofu', () => {
    const face = prepareFace(DEBIAN_NOTO_CJK.regular, 'Noto Sans CJK SC');
    const latin = file('latin.otf', subsetFont(face as NonNullable<typeof face>, codePoints('ABCabc123')));
    const error = failure(() => findCjkFont({ env: { [FONT_ENV]: latin } }));
    expect(error.message).toContain('has no Chinese glyphs');
    expect(error.message).toContain('Noto Sans CJK SC');
  });
});
