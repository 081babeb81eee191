import { Command, CommanderError } from 'commander';
import { isAppError } from '../core/errors.js';
import { version } from '../version.js';
import { registerApiKey } from './commands/apikey.js';
import { registerAudit } from './commands/audit.js';
import { registerCube } from './commands/cube.js';
import { registerDemo } from './commands/demo.js';
import { registerDetect } from './commands/detect.js';
import { registerImport } from './commands/import.js';
import { registerMigrate } from './commands/migrate.js';
import { registerPii } from './commands/pii.js';
import { registerReport } from './commands/report.js';
import { registerServe } from './commands/serve.js';
import { registerUser } from './commands/user.js';
import { registerWarnings } from './commands/warnings.js';

export function buildProgram(): Command {
  const program = new Command('shanzhi')
    .description('Shanzhi 善治 — governance intelligence for towns')
    .version(version, '-v, --version')
    .option('--database-url <url>', 'postgres://… for PostgreSQL (DATABASE_URL); default: the embedded SQLite file')
    .option('--data-dir <dir>', 'folder for the SQLite file and secrets (SHANZHI_DATA_DIR, default ./data)')
    .showHelpAfterError('(run shanzhi --help for usage)')
    .exitOverride();
  registerMigrate(program);
  registerServe(program);
  registerDemo(program);
  registerDetect(program);
  registerImport(program);
  registerApiKey(program);
  registerAudit(program);
  registerCube(program);
  registerUser(program);
  registerPii(program);
  registerWarnings(program);
  registerReport(program);
  return program;
}

/**
 * Run the CLI and return the exit code: 0 on success, 1 with a one-line reason on stderr for bad input or failure
 * (2 when commander rejects the usage itself).
 */
export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
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
