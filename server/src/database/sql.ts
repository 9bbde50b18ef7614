import type { EntityManager } from 'typeorm';

/**
 * Rows of any statement, RETURNING included. (TypeORM's plain `query` answers UPDATE and DELETE
 * with `[rows, count]` instead of the rows.)
 */
export async function rowsOf<T>(db: EntityManager, sql: string, parameters: unknown[] = []): Promise<T[]> {
  if (!db.queryRunner) throw new Error('rowsOf needs the EntityManager of a transaction');
  const result = await db.queryRunner.query(sql, parameters, true);
  return (result.records ?? []) as T[];
}
