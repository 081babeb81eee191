import { PostgresAdapter, type QueryExecutor } from 'kysely';

/** The two databases Shanzhi runs on. Everything that differs between them is decided here, nowhere else. */
export type DialectName = 'sqlite' | 'postgres';

/** Which database a Kysely instance (or a transaction of one) talks to. */
export function dialectOf(db: { getExecutor(): QueryExecutor }): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/**
 * Whether an error is the database refusing a duplicate key (SQLite SQLITE_CONSTRAINT_UNIQUE / PRIMARYKEY,
 * PostgreSQL 23505). Services check for duplicates first; this catches the race between two writers.
 */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** Whether an error is PostgreSQL refusing a value as data (SQLSTATE class 22: bad encoding, NUL in text, overflow). */
export function isDataException(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code);
}
