/**
 * The governance dictionary: words of town governance added on top of jieba's general dictionary, so that the
 * emerging-word detector counts 占道经营 or 欠薪 as one term. Three sources, in order: the built-in list
 * (governance-words.ts), the names of the default taxonomy's categories, and the town's own editable list of user
 * words (text lines `word [frequency]`).
 */
import { createRequire } from 'node:module';
import type { Jieba } from '@node-rs/jieba';
import { type FieldIssue, invalidFields } from '../../core/errors.js';
import { type DefaultCategory, defaultTaxonomy } from '../../taxonomy/index.js';
import { DEMO_OUTBREAK_WORDS, GOVERNANCE_WORDS } from './governance-words.js';

/** One word of a dictionary, with the frequency jieba weighs it by. */
export interface DictionaryWord {
  word: string;
  frequency: number;
}

/**
 * Frequency given to a word that names none. jieba picks the segmentation with the highest product of word
 * frequencies; 2000 keeps a four- or five-character governance word whole against its parts (占道 4 × 经营 7456 in
 * the general dictionary) without outweighing the common words around it (的 is 318,825).
 */
export const DEFAULT_WORD_FREQUENCY = 2000;
/** Longest word accepted, in characters: longer "words" are sentences, which jieba would then never split. */
export const MAX_WORD_LENGTH = 20;
const MAX_FREQUENCY = 1_000_000_000;
/** Letters (any script) and digits, plus the middle dot of transliterated names; nothing that separates words. */
const WORD_PATTERN = /^[\p{L}\p{N}·]+$/u;

/** Why a word cannot go into the dictionary, or undefined when it can. */
function wordProblem(word: string): string | undefined {
  const length = [...word].length;
  if (length < 2 || length > MAX_WORD_LENGTH) {
    return `must be 2 to ${MAX_WORD_LENGTH} characters long, got ${length}`;
  }
  if (!WORD_PATTERN.test(word) || !/\p{L}/u.test(word)) {
    return `must be letters and digits only (with at least one letter), got "${word}"`;
  }
  return undefined;
}

/**
 * Parse the editable list of user words: one word per line, optionally followed by a whole-number frequency
 * (`后备箱集市 3000`); blank lines and lines starting with `#` are skipped; text is NFKC-normalised and Latin letters
 * lower-cased, as the segmenter sees it. Every bad line is reported at once as an `invalid_input` error whose issues
 * name the line (`line 3`). A word listed twice keeps its last frequency.
 */
export function parseUserWords(text: string): DictionaryWord[] {
  const words = new Map<string, number>();
  const issues: FieldIssue[] = [];
  const lines = text.split(/\r\n|\n|\r/);
  for (let index = 0; index < lines.length; index++) {
    const line = (lines[index] as string).normalize('NFKC').trim();
    if (line === '' || line.startsWith('#')) {
      continue;
    }
    const path = `line ${index + 1}`;
    const fields = line.split(/\s+/);
    if (fields.length > 2) {
      issues.push({ path, message: `must be "word" or "word frequency", got ${fields.length} fields` });
      continue;
    }
    const word = (fields[0] as string).toLowerCase();
    const problem = wordProblem(word);
    if (problem) {
      issues.push({ path, message: `word ${problem}` });
      continue;
    }
    const frequencyText = fields[1];
    let frequency = DEFAULT_WORD_FREQUENCY;
    if (frequencyText !== undefined) {
      frequency = /^\d{1,10}$/.test(frequencyText) ? Number(frequencyText) : Number.NaN;
      if (!(frequency >= 1 && frequency <= MAX_FREQUENCY)) {
        issues.push({
          path,
          message: `frequency must be a whole number from 1 to ${MAX_FREQUENCY}, got "${frequencyText}"`,
        });
        continue;
      }
    }
    words.set(word, frequency);
  }
  if (issues.length > 0) {
    throw invalidFields(issues);
  }
  return [...words].map(([word, frequency]) => ({ word, frequency }));
}

/** The names of the default taxonomy's categories that are usable words (quotes dropped: “三合一”场所 → 三合一场所). */
function categoryWords(): string[] {
  const names: string[] = [];
  const walk = (category: DefaultCategory): void => {
    const name = category.name.normalize('NFKC').replace(/["'“”‘’「」《》]/g, '');
    if (wordProblem(name) === undefined) {
      names.push(name);
    }
    for (const child of category.children ?? []) {
      walk(child);
    }
  };
  for (const area of defaultTaxonomy) {
    walk(area);
  }
  return names;
}

/** The built-in governance dictionary: the governance words, the demo's outbreak terms and the category names. */
export function governanceWords(): DictionaryWord[] {
  const words = new Set([...GOVERNANCE_WORDS, ...DEMO_OUTBREAK_WORDS, ...categoryWords()]);
  return [...words].map((word) => ({ word, frequency: DEFAULT_WORD_FREQUENCY }));
}

/** Words in jieba's dictionary format, one `word frequency n` line each (n: noun, the tag jieba needs a value for). */
export function dictionaryText(words: readonly DictionaryWord[]): string {
  return words.map(({ word, frequency }) => `${word} ${frequency} n\n`).join('');
}

/**
 * A jieba segmenter with the general dictionary, the governance dictionary (unless `governance: false`) and the user
 * words (checked as parseUserWords checks them: `invalid_input` naming `userWords.N`), later entries overriding earlier
 * ones. Building one takes about 170 ms (the general dictionary), so callers
 * build one and reuse it.
 */
export function createJieba(options: { governance?: boolean; userWords?: readonly DictionaryWord[] } = {}): Jieba {
  const issues: FieldIssue[] = [];
  (options.userWords ?? []).forEach(({ word, frequency }, index) => {
    const problem = word === word.normalize('NFKC').toLowerCase() ? wordProblem(word) : 'must be NFKC, lower case';
    if (problem) {
      issues.push({ path: `userWords.${index}.word`, message: problem });
    } else if (!(Number.isInteger(frequency) && frequency >= 1 && frequency <= MAX_FREQUENCY)) {
      issues.push({
        path: `userWords.${index}.frequency`,
        message: `must be a whole number from 1 to ${MAX_FREQUENCY}`,
      });
    }
  });
  if (issues.length > 0) {
    throw invalidFields(issues);
  }
  // Loaded here, not at import: the general dictionary module reads 11 MB of files as it loads, and every process
  // that imports `detect` (the CLI, the server) would pay for it without ever segmenting a text.
  const require = createRequire(import.meta.url);
  const { Jieba: JiebaClass } = require('@node-rs/jieba') as typeof import('@node-rs/jieba');
  const { dict } = require('@node-rs/jieba/dict.js') as typeof import('@node-rs/jieba/dict.js');
  const jieba = JiebaClass.withDict(dict);
  const words = [...(options.governance === false ? [] : governanceWords()), ...(options.userWords ?? [])];
  if (words.length > 0) {
    jieba.loadDict(Buffer.from(dictionaryText(words)));
  }
  return jieba;
}
