import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DICTIONARY_FILE, loadSegmenter } from './dictionary.js';

const dir = mkdtempSync(join(tmpdir(), 'shanzhi-dictionary-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the town's governance words", () => {
  const text = '楼下新开的星耀剧本杀店半夜还在吵';

  it('uses the built-in dictionary without a words file', () => {
    expect(loadSegmenter(undefined).id).toBe('builtin');
    expect(loadSegmenter(dir).id).toBe('builtin');
  });

  it('adds the words of governance-words.txt, and reads the file again when it changes', () => {
    writeFileSync(join(dir, DICTIONARY_FILE), '# 本镇新词\n星耀剧本杀 5000\n');
    const first = loadSegmenter(dir);
    expect(first.id).toMatch(/^words:[0-9a-f]{16}$/);
    expect(first.segmenter.termsOf(text)).toContain('星耀剧本杀');
    writeFileSync(join(dir, DICTIONARY_FILE), '# 本镇新词\n星耀剧本杀 5000\n半夜扰民\n');
    expect(loadSegmenter(dir).id).not.toBe(first.id);
  });

  it('refuses a bad file naming the line', () => {
    writeFileSync(join(dir, DICTIONARY_FILE), '好词\n坏 词 多 了\n');
    expect(() => loadSegmenter(dir)).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    try {
      loadSegmenter(dir);
    } catch (error) {
      expect((error as { details: { issues: { path: string }[] } }).details.issues[0]?.path).toBe('line 2');
    }
  });
});
