import type { Command } from 'commander';
import { systemActor } from '../../auth/access.js';
import { loadSecrets, rotateEmbeddedSecret } from '../../config.js';
import { createCipher } from '../../core/pii/index.js';
import { countStaleComplaints, reencryptPersonalData } from '../../pii/index.js';
import { configOf, output, withStore } from '../context.js';

interface Flags {
  json?: boolean;
}

/** `shanzhi pii status|rotate|reencrypt`: the key that encrypts personal data at rest, and its rotation. */
export function registerPii(program: Command): void {
  const pii = program
    .command('pii')
    .description('personal data at rest: the current key, rotating it, re-encrypting under it');

  pii
    .command('status')
    .description('the current key id and how many complaints still hold data under a previous key')
    .option('--json', 'print the result as JSON')
    .action(async (flags: Flags, command: Command) => {
      const config = configOf(command);
      const result = await withStore(config, async (store) => {
        const cipher = createCipher(loadSecrets(config, store.dialect === 'sqlite'));
        return { keyId: cipher.keyId, staleComplaints: await countStaleComplaints({ db: store.db, cipher }) };
      });
      output(flags.json, result, () => `key ${result.keyId}: ${result.staleComplaints} complaint(s) under older keys`);
    });

  pii
    .command('rotate')
    .description('embedded database: make a new secret (the old one kept for decryption), then re-encrypt')
    .option('--json', 'print the result as JSON')
    .action(async (flags: Flags, command: Command) => {
      const config = configOf(command);
      const result = await withStore(config, async (store) => {
        const cipher = createCipher(rotateEmbeddedSecret(config));
        return reencryptPersonalData({ db: store.db, cipher, actor: systemActor('cli') });
      });
      output(flags.json, result, () => describe(result));
    });

  pii
    .command('reencrypt')
    .description('move personal data made under previous secrets (SHANZHI_PREVIOUS_SECRETS) to the current one')
    .option('--json', 'print the result as JSON')
    .action(async (flags: Flags, command: Command) => {
      const config = configOf(command);
      const result = await withStore(config, (store) =>
        reencryptPersonalData({
          db: store.db,
          cipher: createCipher(loadSecrets(config, store.dialect === 'sqlite')),
          actor: systemActor('cli'),
        }),
      );
      output(flags.json, result, () => describe(result));
    });
}

const describe = (result: { complaints: number; keyId: string; seconds: number }) =>
  `${result.complaints} complaint(s) re-encrypted under key ${result.keyId} in ${result.seconds.toFixed(1)} s`;
