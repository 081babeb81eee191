import { Command, CommanderError } from 'commander';
import { isAppError } from '../core/errors.js';
import { version } from '../version.js';

type Register = (program: Command) => void;

/*
 * The commands, in the order help lists them, each loaded only when needed: a command's modules (the server, the
 * reports with ECharts and docx, the importer…) take seconds to load through tsx, and a run needs one command's.
 */
const COMMANDS: Record<string, () => Promise<Register>> = {
  migrate: async () => (await import('./commands/migrate.js')).registerMigrate,
  serve: async () => (await import('./commands/serve.js')).registerServe,
  demo: async () => (await import('./commands/demo.js')).registerDemo,
  detect: async () => (await import('./commands/detect.js')).registerDetect,
  import: async () => (await import('./commands/import.js')).registerImport,
  apikey: async () => (await import('./commands/apikey.js')).registerApiKey,
  audit: async () => (await import('./commands/audit.js')).registerAudit,
  cube: async () => (await import('./commands/cube.js')).registerCube,
  user: async () => (await import('./commands/user.js')).registerUser,
  pii: async () => (await import('./commands/pii.js')).registerPii,
  warnings: async () => (await import('./commands/warnings.js')).registerWarnings,
  report: async () => (await import('./commands/report.js')).registerReport,
};

/** Global options that take a value, so the command name is the first other word (see buildProgram). */
const VALUE_OPTIONS = new Set(['--database-url', '--data-dir']);

/** The command word of `argv` (node, script, then options and the command), or undefined when there is none. */
export function commandWord(argv: readonly string[]): string | undefined {
  for (let i = 2; i < argv.length; i += 1) {
    const word = argv[i] as string;
    if (VALUE_OPTIONS.has(word)) {
      i += 1;
    } else if (!word.startsWith('-')) {
      return word;
    }
  }
  return undefined;
}

/**
 * The program with the command `argv` names, none for `--version`, or every command when it names none or an unknown
 * one (help, commander's "unknown command" with suggestions).
 */
export async function buildProgram(argv: readonly string[] = []): Promise<Command> {
  const program = new Command('shanzhi')
    .description('Shanzhi 善治 — governance intelligence for towns')
    .version(version, '-v, --version')
    .option('--database-url <url>', 'postgres://… for PostgreSQL (DATABASE_URL); default: the embedded SQLite file')
    .option('--data-dir <dir>', 'folder for the SQLite file and secrets (SHANZHI_DATA_DIR, default ./data)')
    .showHelpAfterError('(run shanzhi --help for usage)')
    .exitOverride();
  const word = commandWord(argv);
  const versionOnly = word === undefined && (argv.includes('-v') || argv.includes('--version'));
  const names = versionOnly ? [] : word !== undefined && Object.hasOwn(COMMANDS, word) ? [word] : Object.keys(COMMANDS);
  for (const register of await Promise.all(names.map((name) => (COMMANDS[name] as () => Promise<Register>)()))) {
    register(program);
  }
  return program;
}

/**
 * Run the CLI and return the exit code: 0 on success, 1 with a one-line reason on stderr for bad input or failure
 * (2 when commander rejects the usage itself).
 */
export async function main(argv: string[]): Promise<number> {
  try {
    await (await buildProgram(argv)).parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // commander has already printed its one-line reason (or the help / version text).
      return error.exitCode === 0 ? 0 : 2;
    }
    process.stderr.write(`shanzhi: ${oneLine(error)}\n`);
    if (process.env.SHANZHI_DEBUG && error instanceof Error) {
      process.stderr.write(`${error.stack}\n`);
    }
    return 1;
  }
}

function oneLine(error: unknown): string {
  if (isAppError(error)) {
    return error.message.replaceAll('\n', ' ');
  }
  const message = error instanceof Error ? error.message : String(error);
  return message.replaceAll('\n', ' ');
}
