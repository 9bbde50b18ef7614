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
export async function recordAudit(db: EntityManager, requestId: string, record: AuditRecord): Promise<void> {
  const values = [
    requestId,
    record.action,
    record.entityType,
    record.entityId,
    record.before === undefined ? null : JSON.stringify(record.before),
    record.after === undefined ? null : JSON.stringify(record.after),
  ];
  if (record.tenantId) {
    await db.query(
      `insert into audit_event (request_id, action, entity_type, entity_id, before, after, tenant_id)
       values ($1, $2, $3, $4, $5, $6, $7)`,
      [...values, record.tenantId],
    );
    return;
  }
  await db.query(
    `insert into audit_event (request_id, action, entity_type, entity_id, before, after)
     values ($1, $2, $3, $4, $5, $6)`,
    values,
  );
}
