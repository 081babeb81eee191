import type { Command } from 'commander';
import {
  type ApiKey,
  type ApiKeyScope,
  apiKeyScopes,
  createApiKey,
  listApiKeys,
  revokeApiKey,
} from '../../apikeys/index.js';
import { invalidField, invalidFields, isAppError } from '../../core/errors.js';
import { configOf, output, withStore } from '../context.js';

interface AddFlags {
  name: string;
  town: string;
  scope: string[];
  json?: boolean;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** The service names its input fields; the operator typed flags. Say the flag. */
const flagOf: Record<string, string> = { name: '--name', townCode: '--town', id: 'id' };

async function inFlagTerms<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    const issues = isAppError(error) && error.code === 'invalid_input' ? error.details?.issues : undefined;
    if (!issues) {
      throw error;
    }
    throw invalidFields(
      issues.map((i) => ({ path: flagOf[i.path.split('.')[0] ?? ''] ?? i.path, message: i.message })),
    );
  }
}

function parseScopes(scopes: string[]): ApiKeyScope[] | undefined {
  for (const scope of scopes) {
    if (!(apiKeyScopes as readonly string[]).includes(scope)) {
      throw invalidField('--scope', `unknown scope "${scope}" (known: ${apiKeyScopes.join(', ')})`);
    }
  }
  return scopes.length > 0 ? (scopes as ApiKeyScope[]) : undefined;
}

function describeKey(key: ApiKey): string {
  const state = key.revokedAt === null ? 'active' : `revoked ${key.revokedAt}`;
  return `${key.id}\t${key.prefix}…\t${key.town.name} (${key.town.code})\t${key.scopes.join(',')}\t${key.createdAt}\t${state}\t${key.name}`;
}

/** `shanzhi apikey add|list|revoke`: keys for machine clients (Open311 apps), made and revoked by the operator. */
export function registerApiKey(program: Command): void {
  const apikey = program.command('apikey').description('API keys for machine clients such as Open311 apps');

  apikey
    .command('add')
    .description('make a key for a town; the key is printed this once and stored only as a hash')
    .requiredOption('--name <name>', 'who uses the key (the app or office)')
    .requiredOption('--town <code>', "the town's place code, e.g. 330782199")
    .option('--scope <scope>', 'what the key may do (repeatable; default open311)', collect, [])
    .option('--json', 'print the result as JSON')
    .action(async (flags: AddFlags, command: Command) => {
      const scopes = parseScopes(flags.scope);
      const created = await withStore(configOf(command), (store) =>
        inFlagTerms(createApiKey({ db: store.db }, { name: flags.name, townCode: flags.town, scopes })),
      );
      output(flags.json, created, () =>
        [
          `API key ${created.id} "${created.name}" for ${created.town.name} (${created.town.code}), scopes ${created.scopes.join(',')}:`,
          created.key,
          'Keep it now: it is shown only this once (Shanzhi stores only its hash).',
        ].join('\n'),
      );
    });

  apikey
    .command('list')
    .description('list keys (their first characters only), revoked ones too')
    .option('--town <code>', 'only the keys of this town')
    .option('--json', 'print the result as JSON')
    .action(async (flags: { town?: string; json?: boolean }, command: Command) => {
      const keys = await withStore(configOf(command), (store) =>
        inFlagTerms(listApiKeys({ db: store.db }, { townCode: flags.town })),
      );
      output(flags.json, keys, () =>
        keys.length === 0
          ? 'no API keys'
          : ['id\tprefix\ttown\tscopes\tcreated\tstate\tname', ...keys.map(describeKey)].join('\n'),
      );
    });

  apikey
    .command('revoke')
    .description('revoke a key by its id; clients using it get 403 from then on')
    .argument('<id>', 'the id `apikey list` shows')
    .option('--json', 'print the result as JSON')
    .action(async (id: string, flags: { json?: boolean }, command: Command) => {
      if (!/^\d{1,15}$/.test(id) || Number(id) < 1) {
        throw invalidField('id', `must be the key's number from \`apikey list\` (got "${id}")`);
      }
      const revoked = await withStore(configOf(command), (store) => revokeApiKey({ db: store.db }, Number(id)));
      output(flags.json, revoked, () => `revoked API key ${revoked.id} (${revoked.prefix}…, ${revoked.name})`);
    });
}
