import type { Command } from 'commander';
import { type AuditEntryView, type ChainVerification, listAudit, verifyAuditChain } from '../../audit/index.js';
import { systemActor } from '../../auth/index.js';
import { configOf, inFlagTerms, output, withStore } from '../context.js';

interface ListFlags {
  actor?: string;
  action?: string;
  entity?: string;
  entityId?: string;
  town?: string;
  from?: string;
  to?: string;
  limit?: string;
  json?: boolean;
}

/** The service names its query fields; the operator typed flags. Say the flag. */
const flagOf: Record<string, string> = {
  actor: '--actor',
  action: '--action',
  entity: '--entity',
  entityId: '--entity-id',
  town: '--town',
  from: '--from',
  to: '--to',
  limit: '--limit',
};

const reasons: Record<NonNullable<ChainVerification['break']>['reason'], string> = {
  gap: 'the entry before it is missing (deleted)',
  previous_hash: 'it does not point at the entry before it (an entry was replaced)',
  hash: 'its content does not match its hash (changed after it was written)',
};

function describeVerification(result: ChainVerification): string {
  const head = result.head ? `head #${result.head.seq} ${result.head.hash}` : 'empty';
  if (result.break) {
    return `audit log BROKEN at entry #${result.break.seq} (${result.break.reason}): ${reasons[result.break.reason]}; ${result.entries} entries verify before it; ${head}`;
  }
  return `audit log OK: ${result.entries} entries verified; ${head}\nNote the head hash: a later verify that ends before it means entries were cut off the end.`;
}

function describeEntry(entry: AuditEntryView): string {
  const what = entry.entityId === null ? entry.entity : `${entry.entity} ${entry.entityId}`;
  return [
    entry.seq,
    entry.at,
    `${entry.actor.kind}:${entry.actor.name}`,
    entry.action,
    what,
    entry.townCode ?? '-',
  ].join('\t');
}

/** `shanzhi audit verify|list`: check the audit log's hash chain, and read the latest entries, as the operator. */
export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('the append-only audit log: verify its hash chain, list entries');

  audit
    .command('verify')
    .description('recompute the hash chain from the first entry; exit 1 at the first broken entry')
    .option('--json', 'print the result as JSON')
    .action(async (flags: { json?: boolean }, command: Command) => {
      const result = await withStore(configOf(command), (store) => verifyAuditChain(store.db));
      output(flags.json, result, () => describeVerification(result));
      if (result.break) {
        throw new Error(`audit log broken at entry #${result.break.seq} (${result.break.reason})`);
      }
    });

  audit
    .command('list')
    .description('the latest entries, newest first')
    .option('--actor <name>', 'who acted: a username, an API token name, or cli')
    .option('--action <action>', 'e.g. complaint.update, or complaint.* for every complaint action')
    .option('--entity <entity>', 'e.g. complaint, place, enterprise, user')
    .option('--entity-id <id>', "the entity's id or code")
    .option('--town <code>', "a town's place code")
    .option('--from <when>', 'a day YYYY-MM-DD or an ISO 8601 instant')
    .option('--to <when>', 'a day YYYY-MM-DD (inclusive) or an ISO 8601 instant')
    .option('--limit <n>', 'how many entries (1–500, default 50)')
    .option('--json', 'print the result as JSON')
    .action(async (flags: ListFlags, command: Command) => {
      const { json, limit, ...filters } = flags;
      const page = await withStore(configOf(command), (store) =>
        inFlagTerms(listAudit({ db: store.db, actor: systemActor('cli') }, { ...filters, limit }), flagOf),
      );
      output(json, page.items, () =>
        page.items.length === 0
          ? 'no audit entries'
          : ['seq\tat\tactor\taction\tentity\ttown', ...page.items.map(describeEntry)].join('\n'),
      );
    });
}
