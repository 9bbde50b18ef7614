import {
  GraphQLBoolean,
  GraphQLEnumType,
  GraphQLID,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
} from 'graphql';
import { todayInVietnam } from '../server/src/calendar.js';
import { clubOf } from '../server/src/clubs/club-scope.js';
import type { Context } from '../server/src/graphql/context.js';
import { encodeCursor } from '../server/src/graphql/pagination.js';
import { LocalDateScalar } from '../server/src/graphql/scalars.js';
import type { MembersArgs } from '../server/src/members/member.inputs.js';
import { ageOn, isOlderOn, listMembers } from '../server/src/members/member.service.js';
import { MemberStanding, type Member } from '../server/src/members/member.types.js';

/**
 * The roster query of the API, written by hand with graphql-js: the same field names and types
 * as schema/schema.graphql for what the client's roster asks, resolved by the same service
 * functions (clubOf, listMembers, ageOn, isOlderOn) in the same request scope. Only the schema
 * layer differs from the type-graphql build.
 */
function enumOf(name: string, values: string[]): GraphQLEnumType {
  return new GraphQLEnumType({ name, values: Object.fromEntries(values.map((value) => [value, { value }])) });
}

const Sex = enumOf('Sex', ['FEMALE', 'MALE']);
const BoardRole = enumOf('BoardRole', ['HEAD', 'DEPUTY', 'TREASURER', 'SECRETARY']);
const DuplicateStatus = enumOf('DuplicateStatus', ['NONE', 'POSSIBLE', 'CONFIRMED_DISTINCT']);
const Standing = enumOf('MemberStanding', ['CURRENT', 'LEFT', 'ALL']);

const onDayArgs = { on: { type: LocalDateScalar } };

const MemberType = new GraphQLObjectType<Member, Context>({
  name: 'Member',
  fields: {
    id: { type: new GraphQLNonNull(GraphQLID) },
    fullName: { type: new GraphQLNonNull(GraphQLString) },
    sex: { type: new GraphQLNonNull(Sex) },
    birthYear: { type: new GraphQLNonNull(GraphQLInt) },
    age: { type: new GraphQLNonNull(GraphQLInt), args: onDayArgs, resolve: (member, { on }) => ageOn(member.birthYear, on ?? todayInVietnam()) },
    older: { type: new GraphQLNonNull(GraphQLBoolean), args: onDayArgs, resolve: (member, { on }) => isOlderOn(member.birthYear, on ?? todayInVietnam()) },
    boardRole: { type: BoardRole },
    homeCareVolunteer: { type: new GraphQLNonNull(GraphQLBoolean) },
    needsHomeCare: { type: new GraphQLNonNull(GraphQLBoolean) },
    poorHousehold: { type: new GraphQLNonNull(GraphQLBoolean) },
    nearPoorHousehold: { type: new GraphQLNonNull(GraphQLBoolean) },
    duplicateStatus: { type: new GraphQLNonNull(DuplicateStatus) },
    joinedOn: { type: new GraphQLNonNull(LocalDateScalar) },
    leftOn: { type: LocalDateScalar },
    phone: { type: GraphQLString },
    citizenId: { type: GraphQLString },
  },
});

const PageInfoType = new GraphQLObjectType({
  name: 'PageInfo',
  fields: {
    hasNextPage: { type: new GraphQLNonNull(GraphQLBoolean) },
    hasPreviousPage: { type: new GraphQLNonNull(GraphQLBoolean) },
    startCursor: { type: GraphQLString },
    endCursor: { type: GraphQLString },
  },
});

const EdgeType = new GraphQLObjectType({
  name: 'MemberEdge',
  fields: { cursor: { type: new GraphQLNonNull(GraphQLString) }, node: { type: new GraphQLNonNull(MemberType) } },
});

interface Connection {
  edges: Array<{ cursor: string; node: Member }>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: () => Promise<number>;
}

const ConnectionType = new GraphQLObjectType<Connection>({
  name: 'MemberConnection',
  fields: {
    edges: { type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(EdgeType))) },
    pageInfo: { type: new GraphQLNonNull(PageInfoType) },
    totalCount: { type: new GraphQLNonNull(GraphQLInt), resolve: (connection) => connection.totalCount() },
  },
});

export const handwrittenSchema = new GraphQLSchema({
  query: new GraphQLObjectType<unknown, Context>({
    name: 'Query',
    fields: {
      members: {
        type: new GraphQLNonNull(ConnectionType),
        args: {
          clubId: { type: GraphQLID },
          first: { type: new GraphQLNonNull(GraphQLInt), defaultValue: 20 },
          after: { type: GraphQLString },
          search: { type: GraphQLString },
          standing: { type: new GraphQLNonNull(Standing), defaultValue: MemberStanding.CURRENT },
          sex: { type: Sex },
          older: { type: GraphQLBoolean },
          poorOrNearPoor: { type: GraphQLBoolean },
          homeCareVolunteer: { type: GraphQLBoolean },
          needsHomeCare: { type: GraphQLBoolean },
          possibleDuplicate: { type: GraphQLBoolean },
        },
        async resolve(_root, args: MembersArgs, context) {
          if (!context.viewer) throw new Error('sign in first');
          if (args.first < 1 || args.first > 100) throw new Error('first must be 1 to 100');
          const page = await listMembers(await context.db(), clubOf(context, args.clubId), args);
          const edges = page.nodes.map((node) => ({ cursor: encodeCursor(page.cursorOf(node)), node }));
          return {
            edges,
            pageInfo: {
              hasNextPage: page.hasNextPage,
              hasPreviousPage: page.hasPreviousPage,
              startCursor: edges[0]?.cursor ?? null,
              endCursor: edges.at(-1)?.cursor ?? null,
            },
            totalCount: () => page.countTotal(),
          };
        },
      },
    },
  }),
});
