import { type Actor, coversTown, type Scope, scopeOf } from '../auth/index.js';
import { AppError } from '../core/errors.js';
import { type IntakeLookups, matchKey } from './lookups.js';

/*
 * Who may import what. An import writes whole files of records, so imports:write must cover whole towns: the town
 * the import names (`--town`, the upload's town field) must be one of the writer's, and an import naming no town
 * (a file with a town column, possibly many towns) is for imports:write over everything (the command line, an
 * all-scope administrator). A file may still carry a town column naming another town: such rows are rejected one by
 * one (see ImportRun), so nothing lands beyond the writer's towns.
 */

/**
 * The scope an import writes within; throws forbidden (before anything is read or stored) when the town it names is
 * not the writer's, or it names none and the writer's scope is not everything. An unknown town is left to the
 * mapper, which names the field.
 */
export function importWriteScope(actor: Actor, lookups: IntakeLookups, townCode: string | undefined): Scope {
  const scope = scopeOf(actor, 'imports:write');
  if (scope.all) {
    return scope;
  }
  if (townCode === undefined) {
    throw new AppError('forbidden', 'an import naming no town needs imports:write over everything: name the town', {
      permission: 'imports:write',
    });
  }
  const code = lookups.townKeys.get(matchKey(townCode));
  const town = code === undefined ? undefined : lookups.towns.get(code);
  if (town && !coversTown(scope, town.id)) {
    throw new AppError('forbidden', `your imports:write does not cover town ${town.code}`, {
      permission: 'imports:write',
    });
  }
  return scope;
}

/** What import batches an imports:read scope reaches: those of its whole towns; batches with no town only for all. */
export function importReadScope(actor: Actor): { all: boolean; townIds: readonly number[] } {
  const scope = scopeOf(actor, 'imports:read');
  return { all: scope.all, townIds: scope.townIds };
}
