import type { Command } from 'commander';
import {
  type ApiKey,
  createApiKey,
  listApiKeys,
  MAX_TOKEN_DAYS,
  revokeApiKey,
  type TokenPermission,
  tokenPermissions,
} from '../../apikeys/index.js';
import { systemActor } from '../../auth/index.js';
import { invalidField } from '../../core/errors.js';
import { configOf, inFlagTerms, output, withStore } from '../context.js';

interface AddFlags {
  name: string;
  town: string;
  permission: string[];
  expiresInDays?: string;
  json?: boolean;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** The service names its input fields; the operator typed flags. Say the flag. */
const flagOf: Record<string, string> = {
  name: '--name',
  townCode: '--town',
  permissions: '--permission',
  expiresInDays: '--expires-in-days',
  id: 'id',
};

function parsePermissions(permissions: string[]): TokenPermission[] | undefined {
  for (const permission of permissions) {
    if (!(tokenPermissions as readonly string[]).includes(permission)) {
      throw invalidField(
        '--permission',
        `"${permission}" cannot be given to a token (possible: ${tokenPermissions.join(', ')})`,
      );
    }
  }
  return permissions.length > 0 ? (permissions as TokenPermission[]) : undefined;
}

function parseDays(days: string | undefined): number | undefined {
  if (days === undefined) {
    return undefined;
  }
  if (!/^\d{1,5}$/.test(days) || Number(days) < 1 || Number(days) > MAX_TOKEN_DAYS) {
    throw invalidField(
      '--expires-in-days',
      `must be a whole number of days from 1 to ${MAX_TOKEN_DAYS} (got "${days}")`,
    );
  }
  return Number(days);
}

function describeKey(key: ApiKey, now: number): string {
  const expired = key.expiresAt !== null && Date.parse(key.expiresAt) <= now;
  const state = key.revokedAt !== null ? `revoked ${key.revokedAt}` : expired ? 'expired' : 'active';
  return [
    key.id,
    `${key.prefix}…`,
    `${key.town.name} (${key.town.code})`,
    key.permissions.join(','),
    key.createdAt,
    key.expiresAt ?? 'never',
    key.lastUsedAt ?? 'never',
    state,
    key.name,
  ].join('\t');
}

/**
 * `shanzhi apikey add|list|revoke`: API tokens for integrations and Open311 apps, made and revoked by the operator
 * (as the system actor, which may give any token permission; audited like the web's /api/tokens).
 */
export function registerApiKey(program: Command): void {
  const apikey = program.command('apikey').description('API tokens for integrations and Open311 apps');
  const actor = systemActor('cli');

  apikey
    .command('add')
    .description('make a token for a town; the token is printed this once and stored only as a hash')
    .requiredOption('--name <name>', 'who uses the token (the app or office)')
    .requiredOption('--town <code>', "the town's place code, e.g. 330782199")
    .option(
      '--permission <permission>',
      `what the token may do in its town (repeatable; default open311:submit): ${tokenPermissions.join(', ')}`,
      collect,
      [],
    )
    .option('--expires-in-days <days>', `stop working after this many days (1–${MAX_TOKEN_DAYS}; default: never)`)
    .option('--json', 'print the result as JSON')
    .action(async (flags: AddFlags, command: Command) => {
      const permissions = parsePermissions(flags.permission);
      const expiresInDays = parseDays(flags.expiresInDays);
      const created = await withStore(configOf(command), (store) =>
        inFlagTerms(
          createApiKey({ db: store.db, actor }, { name: flags.name, townCode: flags.town, permissions, expiresInDays }),
          flagOf,
        ),
      );
      const expiry = created.expiresAt === null ? 'no expiry' : `expires ${created.expiresAt}`;
      output(flags.json, created, () =>
        [
          `API token ${created.id} "${created.name}" for ${created.town.name} (${created.town.code}), ${created.permissions.join(',')}, ${expiry}:`,
          created.key,
          'Keep it now: it is shown only this once (Shanzhi stores only its hash).',
        ].join('\n'),
      );
    });

  apikey
    .command('list')
    .description('list tokens (their first characters only), revoked and expired ones too')
    .option('--town <code>', 'only the tokens of this town')
    .option('--json', 'print the result as JSON')
    .action(async (flags: { town?: string; json?: boolean }, command: Command) => {
      const keys = await withStore(configOf(command), (store) =>
        inFlagTerms(listApiKeys({ db: store.db, actor }, { townCode: flags.town }), flagOf),
      );
      const now = Date.now();
      output(flags.json, keys, () =>
        keys.length === 0
          ? 'no API tokens'
          : [
              'id\tprefix\ttown\tpermissions\tcreated\texpires\tlast used\tstate\tname',
              ...keys.map((key) => describeKey(key, now)),
            ].join('\n'),
      );
    });

  apikey
    .command('revoke')
    .description('revoke a token by its id; clients using it are refused from then on')
    .argument('<id>', 'the id `apikey list` shows')
    .option('--json', 'print the result as JSON')
    .action(async (id: string, flags: { json?: boolean }, command: Command) => {
      if (!/^\d{1,15}$/.test(id) || Number(id) < 1) {
        throw invalidField('id', `must be the token's number from \`apikey list\` (got "${id}")`);
      }
      const revoked = await withStore(configOf(command), (store) => revokeApiKey({ db: store.db, actor }, Number(id)));
      output(flags.json, revoked, () => `revoked API token ${revoked.id} (${revoked.prefix}…, ${revoked.name})`);
    });
}
