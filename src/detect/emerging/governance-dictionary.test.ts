import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AppError, isAppError } from '../../core/errors.js';
import { NEW_TERMS } from '../../demo/index.js';
import { defaultTaxonomy } from '../../taxonomy/index.js';
import {
  createJieba,
  DEFAULT_WORD_FREQUENCY,
  dictionaryText,
  governanceWords,
  parseUserWords,
} from './governance-dictionary.js';
import { DEMO_OUTBREAK_WORDS, GOVERNANCE_WORDS } from './governance-words.js';

function errorOf(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (isAppError(error)) {
      return error;
    }
    throw error;
  }
  throw new Error('expected an AppError');
}

const hanCharacter = fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((code) => String.fromCharCode(code));
/** Lists of lines: mostly word-like (Han words, with or without a frequency), some arbitrary text. */
const userWordLists = fc
  .array(
    fc.oneof(
      fc
        .tuple(fc.string({ unit: hanCharacter, minLength: 1, maxLength: 8 }), fc.option(fc.nat()))
        .map(([word, frequency]) => (frequency === null ? word : `${word} ${frequency}`)),
      fc.string({ unit: 'binary', maxLength: 12 }),
    ),
    { maxLength: 6 },
  )
  .map((lines) => lines.join('\n'));

describe('parseUserWords', () => {
  it('reads words with optional frequencies, skipping blank lines and comments', () => {
    const text = '# 本镇新增词\n后备箱集市 3000\r\n\n  胶囊床位  \nＷＩＦＩ密码 12\n';
    expect(parseUserWords(text)).toEqual([
      { word: '后备箱集市', frequency: 3000 },
      { word: '胶囊床位', frequency: DEFAULT_WORD_FREQUENCY },
      // NFKC and lower case, as the segmenter sees the text.
      { word: 'wifi密码', frequency: 12 },
    ]);
  });

  it('keeps the last frequency of a word listed twice', () => {
    expect(parseUserWords('欠薪 10\n欠薪 20')).toEqual([{ word: '欠薪', frequency: 20 }]);
  });

  it('reports every bad line at once, naming each', () => {
    const error = errorOf(() =>
      parseUserWords('占道经营\n占 5\n噪声扰民 abc\n群租房 5 n\n电动车，充电\n123\n渣土车 0\n油烟扰民 99999999999'),
    );
    expect(error.code).toBe('invalid_input');
    expect(error.details?.issues?.map((issue) => issue.path)).toEqual([
      'line 2',
      'line 3',
      'line 4',
      'line 5',
      'line 6',
      'line 7',
      'line 8',
    ]);
    expect(error.message).toContain('line 3: frequency must be a whole number');
    expect(error.message).toContain('line 4: must be "word" or "word frequency"');
    expect(error.message).toContain('line 2: word must be 2 to 20 characters');
  });

  it('refuses a word longer than 20 characters', () => {
    expect(errorOf(() => parseUserWords('一二三四五六七八九十一二三四五六七八九十一')).message).toMatch(
      /^line 1: word/,
    );
  });

  it('never throws anything but invalid_input, and what it returns parses again (property)', () => {
    fc.assert(
      fc.property(userWordLists, (text) => {
        let words: ReturnType<typeof parseUserWords>;
        try {
          words = parseUserWords(text);
        } catch (error) {
          expect(isAppError(error) && error.code === 'invalid_input').toBe(true);
          return;
        }
        const again = parseUserWords(words.map((w) => `${w.word} ${w.frequency}`).join('\n'));
        expect(again).toEqual(words);
      }),
      { numRuns: 300 },
    );
  });
});

describe('governanceWords', () => {
  const words = new Set(governanceWords().map((w) => w.word));

  it('holds a few hundred words, each a valid user word', () => {
    expect(words.size).toBeGreaterThanOrEqual(300);
    const text = [...words].join('\n');
    expect(parseUserWords(text).map((w) => w.word)).toEqual([...words]);
  });

  it('has the common matters of town governance', () => {
    for (const word of [
      '占道经营',
      '噪声扰民',
      '劳工纠纷',
      '欠薪',
      '违章搭建',
      '群租房',
      '电动车充电',
      '油烟扰民',
      '渣土车',
    ]) {
      expect(words.has(word)).toBe(true);
    }
  });

  it("has the default taxonomy's category names, quotes dropped", () => {
    const names: string[] = [];
    const walk = (c: { name: string; children?: { name: string }[] }) => {
      names.push(c.name);
      for (const child of c.children ?? []) {
        walk(child);
      }
    };
    defaultTaxonomy.forEach(walk);
    expect(names.length).toBeGreaterThan(50);
    for (const name of names) {
      expect(words.has(name.replace(/[“”]/g, ''))).toBe(true);
    }
  });

  it("has exactly the demo's outbreak terms in its demo list", () => {
    const demoTerms = Object.values(NEW_TERMS).flatMap((list) => list.map((t) => t.term));
    expect([...DEMO_OUTBREAK_WORDS].sort()).toEqual([...demoTerms].sort());
    for (const term of demoTerms) {
      expect(words.has(term)).toBe(true);
    }
  });

  it('lists no word twice in the built-in list', () => {
    expect(new Set(GOVERNANCE_WORDS).size).toBe(GOVERNANCE_WORDS.length);
  });

  it('writes jieba lines "word frequency n"', () => {
    expect(dictionaryText([{ word: '欠薪', frequency: 7 }])).toBe('欠薪 7 n\n');
  });
});

describe('createJieba', () => {
  it('keeps every governance word whole, alone and inside a sentence', () => {
    const jieba = createJieba({ userWords: [{ word: '速递驿站', frequency: 2000 }] });
    const broken = governanceWords().filter(({ word }) => jieba.cut(word, true).length !== 1);
    expect(broken).toEqual([]);
    expect(jieba.cut('苏溪镇市民投诉占道经营和噪声扰民，另有劳工纠纷', true)).toEqual([
      '苏溪镇',
      '市民',
      '投诉',
      '占道经营',
      '和',
      '噪声扰民',
      '，',
      '另有',
      '劳工纠纷',
    ]);
    // A user word joins what the general dictionary splits.
    expect(jieba.cut('速递驿站', true)).toEqual(['速递驿站']);
    expect(createJieba({ governance: false }).cut('占道经营', true)).not.toEqual(['占道经营']);
  });

  it('refuses user words that parseUserWords would refuse, naming them', () => {
    const error = errorOf(() =>
      createJieba({
        userWords: [
          { word: '好词', frequency: 5 },
          { word: '坏 词\n', frequency: 5 },
          { word: '词组', frequency: 1.5 },
          { word: 'ABC', frequency: 5 },
        ],
      }),
    );
    expect(error.details?.issues?.map((issue) => issue.path)).toEqual([
      'userWords.1.word',
      'userWords.2.frequency',
      'userWords.3.word',
    ]);
  });
});
