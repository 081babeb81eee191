import type { Migration } from 'kysely';
import * as m0001 from './0001_places.js';

/**
 * Every migration, in order. Names are `NNNN_description`; a migration never changes once it has landed (add a new
 * one instead) and never imports application code, so it means the same thing forever.
 */
export const migrations: Record<string, Migration> = {
  '0001_places': m0001,
};
