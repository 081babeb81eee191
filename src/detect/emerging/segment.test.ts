import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSegmenter, defaultSegmenter, normaliseText, termsOf } from './segment.js';
import { isStopWord } from './stop-words.js';

describe('termsOf', () => {
  it('keeps governance words whole and drops stop words, numbers and dates', () => {
    const terms = termsOf(
      '市民来电反映：2024年11月3日晚上8点，云溪镇某小区楼下有人占道经营，噪声扰民。诉求：请尽快处理。',
    );
    expect(terms).toContain('占道经营');
    expect(terms).toContain('噪声扰民');
    expect(terms).toContain('小区');
    for (const dropped of [
      '市民',
      '来电',
      '反映',
      '2024',
      '年',
      '11',
      '月',
      '晚上',
      '8',
      '点',
      '，',
      '。',
      '诉求',
      '请',
    ]) {
      expect(terms).not.toContain(dropped);
    }
  });

  it('adds phrases of neighbouring tokens, but not across a stop word or punctuation', () => {
    const terms = termsOf('商家收取预付款后不发货，商户意见很大');
    expect(terms).toEqual(
      expect.arrayContaining(['商家', '收取', '商家收取', '预付款', '收取预付款', '发货', '商户', '意见', '商户意见']),
    );
    // 不 (a stop word) sits between 预付款后 and 发货; the comma between 发货 and 商户.
    expect(terms).not.toContain('后发货');
    expect(terms).not.toContain('发货商户');
  });

  it('lets single characters join a phrase without counting them alone', () => {
    const raw = createSegmenter({ governance: false });
    // Without the dictionary jieba splits the demo's term as 飞线|快|充桩: 快 alone is no term, 快充桩 is a phrase.
    expect(raw.cut('私装飞线快充桩')).toEqual(['私装', '飞线', '快', '充桩']);
    const terms = raw.termsOf('私装飞线快充桩');
    expect(terms).toContain('快充桩');
    expect(terms).toContain('飞线快');
    expect(terms).not.toContain('快');
    // With the dictionary the term stays whole.
    expect(termsOf('私装飞线快充桩')).toContain('飞线快充桩');
  });

  it('counts a term once per text, in order of first appearance', () => {
    const terms = termsOf('欠薪，欠薪，还是欠薪');
    expect(terms.filter((t) => t === '欠薪')).toHaveLength(1);
    expect(terms[0]).toBe('欠薪');
  });

  it('normalises full-width letters and digits and lower-cases Latin', () => {
    expect(normaliseText('ＫＴＶ包厢１２３')).toBe('ktv包厢123');
    expect(termsOf('ＫＴＶ包厢噪声扰民')).toContain('ktv');
  });

  it('keeps a whitelisted single character such as 狗', () => {
    expect(termsOf('小区里有狗')).toContain('狗');
  });

  it('gives nothing for empty text, punctuation, numbers or emoji', () => {
    for (const text of ['', '   ', '。，！', '2024-11-03 08:30', '🚀😀👍🏽', '\u0000\ud800']) {
      expect(termsOf(text)).toEqual([]);
    }
  });

  it('shares one default segmenter', () => {
    expect(defaultSegmenter()).toBe(defaultSegmenter());
  });

  it('never throws on any string, and gives distinct, non-empty terms without stop words (property)', () => {
    const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));
    const han = fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((code) => String.fromCharCode(code));
    const rare = fc.integer({ min: 0x20000, max: 0x2a6df }).map((code) => String.fromCodePoint(code));
    const text = fc.string({
      unit: fc.oneof(fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), han, rare, loneSurrogate),
      maxLength: 80,
    });
    fc.assert(
      fc.property(text, (input) => {
        const terms = termsOf(input);
        expect(new Set(terms).size).toBe(terms.length);
        for (const term of terms) {
          expect(term.length).toBeGreaterThan(0);
          expect(term).toBe(term.trim());
          expect(isStopWord(term)).toBe(false);
        }
      }),
      { numRuns: 400 },
    );
  });
});
