import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDateScalar } from '../graphql/scalars.js';

export enum SuccessionKind {
  MERGE = 'MERGE',
  SPLIT = 'SPLIT',
}

registerEnumType(SuccessionKind, {
  name: 'SuccessionKind',
  description: 'How a retired unit was replaced.',
  valuesConfig: {
    MERGE: { description: 'Sáp nhập: the unit was merged, alone or with others, into its successor.' },
    SPLIT: { description: 'Chia tách: the unit was divided among several successors.' },
  },
});

/** A row of admin_unit_succession, read with plain SQL (it has no entity behaviour of its own). */
@ObjectType({
  description:
    "One link of the hierarchy's history: a retired unit and a unit that took (part of) its place. Figures recorded under the predecessor roll up into its successors.",
})
export class AdminUnitSuccession {
  predecessorId: string;

  successorId: string;

  @Field(() => SuccessionKind, { description: 'Merge (many into one) or split (one into many).' })
  kind: SuccessionKind;

  @Field(() => LocalDateScalar, { description: 'First day the successor stood in place of the predecessor.' })
  effectiveOn: string;
}

export async function findSuccessions(
  db: { query(sql: string, parameters?: unknown[]): Promise<unknown> },
  side: 'predecessor' | 'successor',
  unitIds: readonly string[],
): Promise<AdminUnitSuccession[]> {
  const column = side === 'predecessor' ? 'predecessor_id' : 'successor_id';
  const rows = (await db.query(
    `select predecessor_id, successor_id, kind, effective_on::text as effective_on
       from admin_unit_succession where ${column} = any($1) order by effective_on, predecessor_id, successor_id`,
    [unitIds],
  )) as Array<{ predecessor_id: string; successor_id: string; kind: SuccessionKind; effective_on: string }>;
  return rows.map((row) =>
    Object.assign(new AdminUnitSuccession(), {
      predecessorId: row.predecessor_id,
      successorId: row.successor_id,
      kind: row.kind,
      effectiveOn: row.effective_on,
    }),
  );
}
