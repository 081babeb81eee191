import { randomInt } from 'node:crypto';
import type { Command } from 'commander';
import {
  checkPasswordPolicy,
  createUser,
  type GrantInput,
  getUser,
  isRole,
  listUsers,
  requireUserId,
  resetUserPassword,
  revokeUserSessions,
  roles,
  scopeKinds,
  setUserGrants,
  systemActor,
  type User,
  updateUser,
} from '../../auth/index.js';
import { invalidField } from '../../core/errors.js';
import { configOf, output, withStore } from '../context.js';

interface Flags {
  username?: string;
  name?: string;
  role?: string;
  scope?: string;
  passwordStdin?: boolean;
  remove?: boolean;
  enable?: boolean;
  json?: boolean;
}

const actor = systemActor('cli');

/** `--scope all` or `--scope <kind>:<code>` (department: `department:<townCode>/<departmentCode>`). */
export function parseScope(text: string | undefined, role: string | undefined): GrantInput {
  if (role === undefined || !isRole(role)) {
    throw invalidField('--role', `must be one of ${roles.join(', ')} (got "${role ?? ''}")`);
  }
  if (text === undefined) {
    throw invalidField('--scope', 'is required: all, or <kind>:<code> such as town:330782100');
  }
  if (text === 'all') {
    return { role, kind: 'all' };
  }
  const colon = text.indexOf(':');
  const kind = text.slice(0, colon);
  const code = text.slice(colon + 1);
  if (colon < 0 || kind === 'all' || !(scopeKinds as readonly string[]).includes(kind) || code === '') {
    throw invalidField('--scope', `must be all or city|town|village|department:<code> (got "${text}")`);
  }
  return { role, kind: kind as GrantInput['kind'], code };
}

const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A password of four groups of five characters (about 116 bits), unambiguous to read aloud or type. */
export function generatePassword(username: string): string {
  for (;;) {
    const groups = Array.from({ length: 4 }, () =>
      Array.from({ length: 5 }, () => ALPHABET[randomInt(ALPHABET.length)]).join(''),
    );
    const password = groups.join('-');
    try {
      checkPasswordPolicy(password, username);
      return password;
    } catch {
      // vanishingly rare (it contained the username): draw again
    }
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
  }
  // One line: the trailing newline of `echo` or a here-string is not part of the password.
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** The password from standard input, or a generated one (printed once by the caller). */
async function passwordOf(flags: Flags, username: string): Promise<{ password: string; generated: boolean }> {
  if (flags.passwordStdin) {
    return { password: await readStdin(), generated: false };
  }
  return { password: generatePassword(username.toLowerCase()), generated: true };
}

const grantText = (user: User) =>
  user.grants.map((g) => `${g.role}@${g.kind}${g.code ? `:${g.code}` : ''}`).join(', ') || '(no grants)';

function describeUser(user: User): string {
  const flags = [user.disabled ? 'disabled' : '', user.demo ? 'demo' : ''].filter(Boolean).join(' ');
  return `${user.username}\t${user.displayName}\t${grantText(user)}${flags ? `\t${flags}` : ''}`;
}

function required(value: string | undefined, flag: string): string {
  if (value === undefined || value.trim() === '') {
    throw invalidField(flag, 'is required');
  }
  return value;
}

/** `shanzhi user add|list|grant|passwd|disable|revoke-sessions`: accounts from the command line (docs/auth.md). */
export function registerUser(program: Command): void {
  const user = program.command('user').description('accounts: add, list, grant roles, set passwords, disable');

  user
    .command('add')
    .description('create a user with one role within one scope; prints a generated password unless --password-stdin')
    .requiredOption('--username <name>', '3–64 letters, digits, ".", "_" or "-"')
    .option('--name <name>', 'the name shown (default: the username)')
    .requiredOption('--role <role>', roles.join('|'))
    .requiredOption(
      '--scope <scope>',
      'all, or <kind>:<code>: city:330782, town:330782100, village:…, department:<town>/<code>',
    )
    .option('--password-stdin', 'read the password from standard input instead of generating one')
    .option('--json', 'print the result as JSON')
    .action(async (flags: Flags, command: Command) => {
      const username = required(flags.username, '--username');
      const grant = parseScope(flags.scope, flags.role);
      const { password, generated } = await passwordOf(flags, username);
      const created = await withStore(configOf(command), (store) =>
        createUser(
          { db: store.db, actor },
          { username, displayName: flags.name ?? username, password, grants: [grant] },
        ),
      );
      const result = generated ? { ...created, password } : created;
      output(flags.json, result, () =>
        generated
          ? `created ${describeUser(created)}\npassword (shown this once): ${password}`
          : `created ${describeUser(created)}`,
      );
    });

  user
    .command('list')
    .description('every user with their grants')
    .option('--json', 'print the result as JSON')
    .action(async (flags: Flags, command: Command) => {
      const users = await withStore(configOf(command), (store) => listUsers({ db: store.db, actor }));
      output(flags.json, users, () => (users.length === 0 ? 'no users yet' : users.map(describeUser).join('\n')));
    });

  user
    .command('grant')
    .description('give a user one more role within a scope (or take it away with --remove)')
    .requiredOption('--username <name>', 'the user')
    .requiredOption('--role <role>', roles.join('|'))
    .requiredOption('--scope <scope>', 'all, or <kind>:<code>')
    .option('--remove', 'take the grant away instead')
    .option('--json', 'print the result as JSON')
    .action(async (flags: Flags, command: Command) => {
      const grant = parseScope(flags.scope, flags.role);
      const updated = await withStore(configOf(command), async (store) => {
        const deps = { db: store.db, actor };
        const id = await requireUserId(store.db, required(flags.username, '--username'), '--username');
        const current = await getUser(deps, id);
        const same = (g: GrantInput) =>
          g.role === grant.role && g.kind === grant.kind && (g.code ?? null) === (grant.code ?? null);
        const existing: GrantInput[] = current.grants.map((g) => ({ role: g.role, kind: g.kind, code: g.code }));
        const grants = flags.remove ? existing.filter((g) => !same(g)) : [...existing.filter((g) => !same(g)), grant];
        return setUserGrants(deps, id, { grants });
      });
      output(flags.json, updated, () => describeUser(updated));
    });

  user
    .command('passwd')
    .description("set a user's password (ends their sessions, lifts a lockout); generated unless --password-stdin")
    .requiredOption('--username <name>', 'the user')
    .option('--password-stdin', 'read the password from standard input instead of generating one')
    .option('--json', 'print the result as JSON')
    .action(async (flags: Flags, command: Command) => {
      const username = required(flags.username, '--username');
      const { password, generated } = await passwordOf(flags, username);
      const updated = await withStore(configOf(command), async (store) =>
        resetUserPassword({ db: store.db, actor }, await requireUserId(store.db, username, '--username'), { password }),
      );
      output(flags.json, generated ? { ...updated, password } : updated, () =>
        generated
          ? `password of ${updated.username} set (shown this once): ${password}`
          : `password of ${updated.username} set`,
      );
    });

  user
    .command('disable')
    .description('disable a user (ends their sessions), or enable them again with --enable')
    .requiredOption('--username <name>', 'the user')
    .option('--enable', 'enable instead')
    .option('--json', 'print the result as JSON')
    .action(async (flags: Flags, command: Command) => {
      const updated = await withStore(configOf(command), async (store) =>
        updateUser(
          { db: store.db, actor },
          await requireUserId(store.db, required(flags.username, '--username'), '--username'),
          { disabled: !flags.enable },
        ),
      );
      output(flags.json, updated, () => `${updated.username} ${updated.disabled ? 'disabled' : 'enabled'}`);
    });

  user
    .command('revoke-sessions')
    .description("end all of a user's sessions")
    .requiredOption('--username <name>', 'the user')
    .option('--json', 'print the result as JSON')
    .action(async (flags: Flags, command: Command) => {
      const result = await withStore(configOf(command), async (store) =>
        revokeUserSessions(
          { db: store.db, actor },
          await requireUserId(store.db, required(flags.username, '--username'), '--username'),
        ),
      );
      output(flags.json, result, () => `${result.revoked} session(s) ended`);
    });
}
