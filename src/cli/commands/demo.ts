import type { Command } from 'commander';
import { configOf } from '../context.js';
import { serve } from './serve.js';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('the demo: prepare the embedded database and start the server')
    .option('--host <host>', 'interface to listen on (HOST, default 127.0.0.1)')
    .option('--port <port>', 'port to listen on (PORT, default 8080)')
    .action(async (options: { host?: string; port?: string }, command: Command) => {
      // The synthetic demo town (issue "The demo town") will be generated here into an empty database.
      await serve(configOf(command, options));
    });
}
