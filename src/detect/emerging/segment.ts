/**
 * From a complaint's text to the terms the emerging-word detector counts: jieba segmentation with the governance
 * dictionary, normalised, stop words dropped, plus the phrases of two neighbouring tokens. Each term once per text,
 * because the detector counts complaints that mention a term, not mentions.
 */
import type { Jieba } from '@node-rs/jieba';
import { createJieba, type DictionaryWord, MAX_WORD_LENGTH } from './governance-dictionary.js';
import { tokenRole } from './stop-words.js';

/** Turns texts into terms; built once (jieba loads its dictionary in about 170 ms) and reused. */
export interface TermSegmenter {
  /** The raw tokens of jieba on the normalised text (for inspection and tests). */
  cut(text: string): string[];
  /** The distinct terms and two-token phrases of a text, in the order they first appear. */
  termsOf(text: string): string[];
}

/** NFKC (full-width letters and digits become ASCII, compatibility characters their plain form) and lower case. */
export function normaliseText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/**
 * The terms of a text segmented by `jieba`: every token whose role is a term, and every phrase of two neighbouring
 * tokens that are each a term or a phrase part (a Han character jieba left on its own, so that 飞线|快|充桩 still
 * gives 飞线快 and 快充桩). Neighbours are adjacent in jieba's output: a stop word, a number or punctuation between
 * two terms breaks the phrase, since a phrase across a clause boundary means nothing. Never throws on a string.
 */
export function termsWith(jieba: Jieba, text: string): string[] {
  const terms = new Set<string>();
  let previous: string | undefined;
  for (const raw of jieba.cut(normaliseText(text), true)) {
    const token = raw.trim();
    const role = tokenRole(token, MAX_WORD_LENGTH);
    if (role === 'break') {
      previous = undefined;
      continue;
    }
    if (role === 'term') {
      terms.add(token);
    }
    if (previous !== undefined) {
      // Written together, as Chinese is: jieba returns the space between two Latin words as a token, which breaks.
      terms.add(previous + token);
    }
    previous = token;
  }
  return [...terms];
}

/** A segmenter with the governance dictionary (unless `governance: false`) and the town's user words. */
export function createSegmenter(
  options: { governance?: boolean; userWords?: readonly DictionaryWord[] } = {},
): TermSegmenter {
  const jieba = createJieba(options);
  return {
    cut: (text) => jieba.cut(normaliseText(text), true),
    termsOf: (text) => termsWith(jieba, text),
  };
}

let shared: TermSegmenter | undefined;

/** The segmenter with the built-in governance dictionary, built on first use and shared by the process. */
export function defaultSegmenter(): TermSegmenter {
  shared ??= createSegmenter();
  return shared;
}

/** The terms of a text with the built-in governance dictionary (see termsWith). */
export function termsOf(text: string): string[] {
  return defaultSegmenter().termsOf(text);
}
