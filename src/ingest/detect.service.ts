import { basename } from 'node:path';
import { proposeProfile } from './detect-profile.js';
import { type Cell, openTable } from './readers/index.js';

/** Rows of the file the proposal looks at (date patterns, category paths, enum words). */
const SAMPLE_ROWS = 200;

export type ProfileProposal = ReturnType<typeof proposeProfile> & { file: string };

/** `shanzhi import --detect FILE`: a profile proposed from the file's header row and first rows. */
export async function detectFileProfile(file: string): Promise<ProfileProposal> {
  const table = await openTable(file);
  try {
    const sample: (readonly Cell[])[] = [];
    for await (const row of table.rows) {
      if (row.error === undefined) {
        sample.push(row.cells);
      }
      if (sample.length >= SAMPLE_ROWS) {
        break;
      }
    }
    return { file, ...proposeProfile(table.header, sample, basename(file)) };
  } finally {
    await table.close();
  }
}
