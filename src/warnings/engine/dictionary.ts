/**
 * The governance dictionary as a town edits it: `governance-words.txt` in the data folder (one word per line,
 * optionally its frequency; `#` comments — parseUserWords), added to the built-in governance words. Read when it
 * changes; a bad file is refused with the line named, so a typo cannot silently change what the engine sees.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createSegmenter, defaultSegmenter, parseUserWords, type TermSegmenter } from '../../detect/index.js';

export const DICTIONARY_FILE = 'governance-words.txt';

export interface EngineSegmenter {
  segmenter: TermSegmenter;
  /** 'builtin', or `words:<sha256>` of the file: cached terms are reused only with the same dictionary. */
  id: string;
}

let loaded: { path: string; mtimeMs: number; size: number; value: EngineSegmenter } | undefined;

export function loadSegmenter(dataDir: string | undefined): EngineSegmenter {
  const builtin = { segmenter: defaultSegmenter(), id: 'builtin' };
  if (dataDir === undefined) {
    return builtin;
  }
  const path = join(dataDir, DICTIONARY_FILE);
  let stat: { mtimeMs: number; size: number };
  try {
    stat = statSync(path);
  } catch {
    return builtin;
  }
  if (loaded?.path === path && loaded.mtimeMs === stat.mtimeMs && loaded.size === stat.size) {
    return loaded.value;
  }
  const text = readFileSync(path, 'utf8');
  const value = {
    segmenter: createSegmenter({ userWords: parseUserWords(text) }),
    id: `words:${createHash('sha256').update(text).digest('hex').slice(0, 16)}`,
  };
  loaded = { path, ...stat, value };
  return value;
}
