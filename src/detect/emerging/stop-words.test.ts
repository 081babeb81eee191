import { describe, expect, it } from 'vitest';
import { isStopWord, SINGLE_CHARACTER_TERMS, tokenRole } from './stop-words.js';

const role = (token: string) => tokenRole(token, 20);

describe('tokenRole', () => {
  it('breaks on function words, time words and work-order boilerplate', () => {
    for (const token of ['的', '了', '我们', '但是', '已经', '最近', '晚上', '反映', '诉求', '来电人']) {
      expect(role(token)).toBe('break');
      expect(isStopWord(token)).toBe(true);
    }
  });

  it('breaks on numbers, dates, times, quantities and addresses by number', () => {
    for (const token of [
      '2024',
      '2024年',
      '11月',
      '3日',
      '8点',
      '8:30',
      '64%',
      '第三',
      '三次',
      '两个',
      '1604室',
      '7幢',
      '350元',
    ]) {
      expect(role(token)).toBe('break');
    }
  });

  it('breaks on punctuation, symbols, emoji, spaces and tokens longer than the limit', () => {
    for (const token of [
      '，',
      '。',
      '“',
      '"',
      '-',
      '🚀',
      '😀',
      ' ',
      '',
      '★',
      '一二三四五六七八九十甲乙丙丁戊己庚辛壬癸子',
    ]) {
      expect(role(token)).toBe('break');
    }
  });

  it('keeps words of two or more characters, Han or Latin', () => {
    for (const token of ['占道经营', '欠薪', '后备箱集市', 'wifi', 'ktv包厢', '12345热线', '一户多宅', '五水共治']) {
      expect(role(token)).toBe('term');
    }
  });

  it('keeps a few single characters as terms, lets other Han characters only join phrases', () => {
    expect(SINGLE_CHARACTER_TERMS.has('狗')).toBe(true);
    expect(role('狗')).toBe('term');
    expect(role('臭')).toBe('term');
    expect(role('快')).toBe('phrase-part');
    expect(role('𠮷')).toBe('phrase-part');
    // Units and Latin letters alone are breaks.
    expect(role('室')).toBe('break');
    expect(role('号')).toBe('break');
    expect(role('a')).toBe('break');
  });
});
