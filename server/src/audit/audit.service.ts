import type { EntityManager } from 'typeorm';

export interface AuditRecord {
  action: string;
  entityType: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
  /** Only for national administration, which acts on a tenant other than its own (it has none). */
  tenantId?: string;
}

/**
 * Appends an audit event in the request's transaction, so it exists exactly when the change does.
 * Who acted and in which province come from the request scope (column defaults).
 */
/** Money is bigint in the server; the audit keeps it as exact text. */
function auditJson(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value, (_key, item: unknown) => (typeof item === 'bigint' ? item.toString() : item));
}

export async function recordAudit(db: EntityManager, requestId: string, record: AuditRecord): Promise<void> {
  // A province's event goes to its trail, a national one (no tenant given, none in the scope) to the national trail.
  await db.query('select ishc.record_audit_event($1, $2, $3, $4, $5, $6, $7)', [
    requestId,
    record.action,
    record.entityType,
    record.entityId,
    auditJson(record.before),
    auditJson(record.after),
    record.tenantId ?? null,
  ]);
}

/**
 * Appends many audit events in one statement (an import of thousands of units records one event
 * per unit without thousands of round trips), in the request's transaction like recordAudit, to
 * the trail of the request's province: batches are province work.
 */
export async function recordAuditBatch(db: EntityManager, requestId: string, records: AuditRecord[]): Promise<void> {
  if (!records.length) return;
  if (records.some((record) => record.tenantId)) throw new Error('recordAuditBatch records events of the request scope only');
  await db.query(
    `insert into audit_event (request_id, action, entity_type, entity_id, before, after)
     select $1, action, entity_type, entity_id, before, after
       from unnest($2::text[], $3::text[], $4::uuid[], $5::jsonb[], $6::jsonb[]) as event(action, entity_type, entity_id, before, after)`,
    [
      requestId,
      records.map((record) => record.action),
      records.map((record) => record.entityType),
      records.map((record) => record.entityId),
      records.map((record) => auditJson(record.before)),
      records.map((record) => auditJson(record.after)),
    ],
  );
}
