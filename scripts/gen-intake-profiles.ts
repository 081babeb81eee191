/**
 * Writes the built-in intake profiles of the demo town's files (src/ingest/profiles/12345-work-orders.json,
 * case-ledger.json) from the export columns, so the files the demo writes and the profiles that read them cannot
 * drift apart; src/ingest/profiles.test.ts checks the committed JSON equals what this produces.
 * Run: npx tsx scripts/gen-intake-profiles.ts
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoIntakeProfiles } from '../src/ingest/profiles/demo-profiles.js';

const dir = join(import.meta.dirname, '../src/ingest/profiles');
for (const profile of demoIntakeProfiles()) {
  writeFileSync(join(dir, `${profile.name}.json`), `${JSON.stringify(profile, null, 2)}\n`);
  process.stdout.write(`wrote ${profile.name}.json\n`);
}
