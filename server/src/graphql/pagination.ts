import { IsOptional, Max, MaxLength, Min } from 'class-validator';
import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { badInput } from './errors.js';

export const MAX_PAGE_SIZE = 100;

@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: 20, description: `How many items to return, 1 to ${MAX_PAGE_SIZE}.` })
  @Min(1, { message: 'must be at least 1' })
  @Max(MAX_PAGE_SIZE, { message: `must be at most ${MAX_PAGE_SIZE}` })
  first: number = 20;

  @Field(() => String, { nullable: true, description: 'Cursor of the item after which to start (pageInfo.endCursor).' })
  @IsOptional()
  @MaxLength(500, { message: 'is not a cursor of this list' })
  after?: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'Where a page sits in its list.' })
export class PageInfo {
  @Field(() => Boolean, { description: 'Whether more items follow this page.' })
  hasNextPage: boolean;

  @Field(() => Boolean, { description: 'Whether items come before this page.' })
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first item of the page.' })
  startCursor: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item of the page; pass it as `after`.' })
  endCursor: string | null;
}

/** Sort values of the last item seen, opaque to clients. */
export type CursorValues = Array<string | number>;

export function encodeCursor(values: CursorValues): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, arity: number): CursorValues {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === arity && values.every((v) => typeof v === 'string' || typeof v === 'number')) {
      return values as CursorValues;
    }
  } catch {
    // reported below
  }
  throw badInput([{ field: 'after', message: 'is not a cursor of this list' }]);
}

export interface Page<T> {
  nodes: T[];
  cursorOf: (node: T) => CursorValues;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  countTotal: () => Promise<number>;
}

export interface ConnectionShape<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: PageInfo;
  totalCount(): Promise<number>;
}

/** A Relay connection type for one kind of node: `<Name>Connection` with `<Name>Edge`. */
export function connectionOf<T extends object>(node: ClassType<T>, name: string, description: string) {
  @ObjectType(`${name}Edge`, { simpleResolvers: true, description: `One ${description} in a page, with its cursor.` })
  class Edge {
    @Field(() => String, { description: 'Cursor of this item.' })
    cursor: string;

    @Field(() => node, { description: `The ${description}.` })
    node: T;
  }

  @ObjectType(`${name}Connection`, { simpleResolvers: true, description: `A page of ${description} items.` })
  class Connection implements ConnectionShape<T> {
    @Field(() => [Edge], { description: 'The items of this page.' })
    edges: Edge[];

    @Field(() => PageInfo, { description: 'Where this page sits in the list.' })
    pageInfo: PageInfo;

    countTotal: () => Promise<number>;

    @Field(() => Int, { description: 'Number of items in the whole list with these filters (counted only when asked).' })
    totalCount(): Promise<number> {
      return this.countTotal();
    }

    static from(page: Page<T>): Connection {
      const connection = new Connection();
      connection.edges = page.nodes.map((item) => Object.assign(new Edge(), { cursor: encodeCursor(page.cursorOf(item)), node: item }));
      connection.pageInfo = Object.assign(new PageInfo(), {
        hasNextPage: page.hasNextPage,
        hasPreviousPage: page.hasPreviousPage,
        startCursor: connection.edges[0]?.cursor ?? null,
        endCursor: connection.edges.at(-1)?.cursor ?? null,
      });
      connection.countTotal = page.countTotal;
      return connection;
    }
  }

  return Connection;
}

/** Complexity of a connection field: its children cost once per requested item. */
export function connectionComplexity({ args, childComplexity }: { args: Record<string, unknown>; childComplexity: number }): number {
  const first = typeof args.first === 'number' ? args.first : 20;
  return 1 + Math.max(1, Math.min(first, MAX_PAGE_SIZE)) * childComplexity;
}

/** A page from rows read with `limit first + 1`: the extra row only tells that more follow. */
export function pageOf<Row, T>(
  rows: Row[],
  args: { first: number; after?: string | null },
  toNode: (row: Row) => T,
  cursorOf: (node: T) => CursorValues,
  countTotal: () => Promise<number>,
): Page<T> {
  return {
    nodes: rows.slice(0, args.first).map(toNode),
    cursorOf,
    hasNextPage: rows.length > args.first,
    hasPreviousPage: Boolean(args.after),
    countTotal,
  };
}

/** The total of a filtered list, counted only when a client asks for it. */
export function countOf(db: { query(sql: string, parameters?: unknown[]): Promise<Array<{ count: number }>> }, sql: string, parameters: unknown[]) {
  return async (): Promise<number> => (await db.query(sql, parameters))[0].count;
}

/**
 * Whether a connection field's selection asks for `totalCount`, directly or through fragments: a
 * list can then count in the statement that reads its page instead of a second one.
 */
export function asksForTotal(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>): boolean {
  const visited = new Set<string>();
  const asks = (selectionSet: SelectionSetNode | undefined): boolean =>
    (selectionSet?.selections ?? []).some((selection) => {
      if (selection.kind === Kind.FIELD) return selection.name.value === 'totalCount';
      if (selection.kind === Kind.INLINE_FRAGMENT) return asks(selection.selectionSet);
      const name = selection.name.value;
      if (visited.has(name)) return false;
      visited.add(name);
      return asks(info.fragments[name]?.selectionSet);
    });
  return info.fieldNodes.some((node) => asks(node.selectionSet));
}
