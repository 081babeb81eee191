import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { expectInvalid } from '../core/testing.js';
import { profileSchema } from './profile.schema.js';
import { listProfiles, loadProfile, parseProfile } from './profile.service.js';
import { demoIntakeProfiles } from './profiles/demo-profiles.js';

const later = <T>(work: () => T): Promise<T> => Promise.resolve().then(work);
const dataDir = mkdtempSync(join(tmpdir(), 'shanzhi-profiles-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('built-in profiles', () => {
  it('are the demo files read backwards, as scripts/gen-intake-profiles.ts wrote them', () => {
    for (const expected of demoIntakeProfiles()) {
      const committed = JSON.parse(
        readFileSync(join(import.meta.dirname, 'profiles', `${expected.name}.json`), 'utf8'),
      );
      expect(committed, `${expected.name}.json is stale: run npx tsx scripts/gen-intake-profiles.ts`).toEqual(
        JSON.parse(JSON.stringify(expected)),
      );
    }
  });

  it('all parse, with the four the issue names among them', () => {
    const names = listProfiles(undefined).map((s) => s.profile.name);
    expect(names).toEqual(
      expect.arrayContaining(['12345-work-orders', 'case-ledger', 'open311', 'generic-complaints', 'generic-cases']),
    );
  });
});

describe('loadProfile', () => {
  it('prefers a saved profile in the data folder over a built-in of the same name', () => {
    mkdirSync(join(dataDir, 'profiles'), { recursive: true });
    const own = { ...loadProfile('open311', undefined).profile, title: '本镇的 Open311' };
    writeFileSync(join(dataDir, 'profiles', 'open311.json'), JSON.stringify(own));
    expect(loadProfile('open311', dataDir)).toMatchObject({ origin: 'data', profile: { title: '本镇的 Open311' } });
    expect(loadProfile('open311', undefined).origin).toBe('built-in');
  });

  it('reads a profile file by path, and names what is wrong in one', async () => {
    const path = join(dataDir, 'mine.json');
    const bad = { ...loadProfile('generic-complaints', undefined).profile };
    bad.columns = [...bad.columns, { header: 'x', field: 'penaltyFen', format: { type: 'yuan' } }];
    writeFileSync(path, JSON.stringify(bad));
    await expectInvalid(
      later(() => loadProfile(path, undefined)),
      'profile.columns.23.field',
    );
    await expectInvalid(
      later(() => loadProfile('no-such-profile', dataDir)),
      'profile',
    );
    await expectInvalid(
      later(() => parseProfile('{', 'x.json')),
      'profile',
    );
  });

  it('reads any JSON text as a profile or an invalid_input naming where', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.json(), fc.string()), async (text) => {
        const outcome = await later(() => parseProfile(text, 'fuzz.json')).catch((error: unknown) => error);
        if (outcome instanceof Error) {
          expect(outcome).toMatchObject({ code: 'invalid_input' });
          expect((outcome as unknown as { details: { issues: { path: string }[] } }).details.issues[0]?.path).toMatch(
            /^profile/,
          );
        }
      }),
    );
  });

  it('refuses a profile without the key columns', () => {
    const result = profileSchema.safeParse({
      name: 'p',
      title: 't',
      kind: 'complaint',
      sourceSystem: 's',
      columns: [{ header: '内容', field: 'content' }],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message).join()).toContain('externalNo');
  });
});
