import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { invalidField } from '../core/errors.js';
import { toFieldIssues } from '../core/validation.js';
import { type Profile, profileSchema } from './profile.schema.js';

/*
 * Where profiles come from: the built-in JSON files beside this module (src/ingest/profiles/), the user's own in
 * `<data dir>/profiles/<name>.json` (which win over a built-in of the same name), or a path to a JSON file.
 */

const BUILT_IN_DIR = join(import.meta.dirname, 'profiles');

export interface ProfileSource {
  profile: Profile;
  /** `built-in`, `data` (the data folder) or `file`. */
  origin: 'built-in' | 'data' | 'file';
  path: string;
}

/** A profile from JSON text; invalid_input naming the path inside the profile (`profile.columns.2.field`). */
export function parseProfile(text: string, where: string): Profile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw invalidField('profile', `${where} is not JSON: ${(error as Error).message}`);
  }
  const result = profileSchema.safeParse(json);
  if (!result.success) {
    const [first] = toFieldIssues(result.error);
    throw invalidField(`profile.${first?.path}`, `${where}: ${first?.message}`);
  }
  return result.data;
}

function readProfile(path: string, origin: ProfileSource['origin']): ProfileSource {
  return { profile: parseProfile(readFileSync(path, 'utf8'), path), origin, path };
}

function jsonFiles(dir: string): string[] {
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .sort()
    : [];
}

/** Every profile a name can select: the built-in ones, then the data folder's (replacing same-named built-ins). */
export function listProfiles(dataDir: string | undefined): ProfileSource[] {
  const byName = new Map<string, ProfileSource>();
  for (const file of jsonFiles(BUILT_IN_DIR)) {
    const source = readProfile(join(BUILT_IN_DIR, file), 'built-in');
    byName.set(source.profile.name, source);
  }
  if (dataDir !== undefined) {
    const dir = join(dataDir, 'profiles');
    for (const file of jsonFiles(dir)) {
      const source = readProfile(join(dir, file), 'data');
      byName.set(source.profile.name, source);
    }
  }
  return [...byName.values()];
}

/** The profile `ref` names: a path to a JSON file (ends in .json), or the name of a data-folder or built-in one. */
export function loadProfile(ref: string, dataDir: string | undefined): ProfileSource {
  if (ref.endsWith('.json')) {
    if (!existsSync(ref)) {
      throw invalidField('profile', `no such file: ${ref}`);
    }
    return readProfile(ref, 'file');
  }
  const found = listProfiles(dataDir).find((source) => source.profile.name === ref);
  if (!found) {
    const names = listProfiles(dataDir).map((s) => s.profile.name);
    throw invalidField(
      'profile',
      `unknown profile "${ref}" (known: ${names.join(', ')}; or give a path to a .json file)`,
    );
  }
  return found;
}
