import { describe, expect, it } from 'vitest';
import { buildProgram, commandWord } from './main.js';

const argv = (...words: string[]) => ['node', 'shanzhi', ...words];

describe('the CLI loads the command it runs', () => {
  it('finds the command word after the global options and their values', () => {
    expect(commandWord(argv('report', 'weekly'))).toBe('report');
    expect(commandWord(argv('--data-dir', 'report', 'warnings', 'run'))).toBe('warnings');
    expect(commandWord(argv('--database-url', 'postgres://x', '--json', 'cube'))).toBe('cube');
    expect(commandWord(argv('--help'))).toBeUndefined();
    expect(commandWord(argv())).toBeUndefined();
  });

  it('registers one command for a run, none for --version, every one for help or an unknown word', async () => {
    const names = async (...words: string[]) => (await buildProgram(argv(...words))).commands.map((c) => c.name());
    expect(await names('report', 'weekly', '--period', '2026W47')).toEqual(['report']);
    expect(await names('--version')).toEqual([]);
    const all = await names('--help');
    expect(all).toEqual([
      'migrate',
      'serve',
      'demo',
      'detect',
      'import',
      'apikey',
      'audit',
      'cube',
      'user',
      'pii',
      'warnings',
      'report',
    ]);
    expect(await names('repot')).toEqual(all);
  });
});
