import { type Kysely, PostgresAdapter } from 'kysely';

/** The two databases Shanzhi runs on. Everything that differs between them is decided here, nowhere else. */
export type DialectName = 'sqlite' | 'postgres';

/** Which database a Kysely instance (or a transaction of one) talks to. */
export function dialectOf<DB>(db: Kysely<DB>): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
