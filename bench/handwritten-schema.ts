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
  type GraphQLNullableType,
  type GraphQLScalarType,
  type GraphQLType,
} from 'graphql';
import { comparisonPeriodOf } from '../server/src/figures/figure-scope.js';
import { ProvinceMap, type NationalComparison } from '../server/src/figures/figure.types.js';
import { nationalComparison } from '../server/src/figures/national-comparison.js';
import { NATIONAL_ROLES } from '../server/src/users/role.js';
import { todayInVietnam } from '../server/src/calendar.js';
import { clubOf } from '../server/src/clubs/club-scope.js';
import type { Context } from '../server/src/graphql/context.js';
import { asksForTotal, encodeCursor } from '../server/src/graphql/pagination.js';
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
        async resolve(_root, args: MembersArgs, context, info) {
          if (!context.viewer) throw new Error('sign in first');
          if (args.first < 1 || args.first > 100) throw new Error('first must be 1 to 100');
          const page = await listMembers(await context.db(), clubOf(context, args.clubId), args, { withTotal: asksForTotal(info) });
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

/**
 * The national comparison as the client asks for it (client/src/national/comparison), written by
 * hand: the same service (comparisonPeriodOf, nationalComparison, listNationalPhases) and loaders;
 * scalars and enums are the API's own instances, so values serialise identically.
 */
export function handwrittenComparisonSchema(apiSchema: GraphQLSchema): GraphQLSchema {
  const scalar = (name: string) => apiSchema.getType(name) as GraphQLScalarType;
  const Month = new GraphQLNonNull(scalar('Month'));
  const Decimal = scalar('Decimal');
  const VND = scalar('VND');
  const IndicatorUnit = apiSchema.getType('IndicatorUnit') as GraphQLEnumType;
  const ProvinceMapType = apiSchema.getType('ProvinceMap') as GraphQLEnumType;
  const nonNull = <T extends GraphQLNullableType>(type: T) => new GraphQLNonNull(type);
  const list = <T extends GraphQLType>(type: T) => new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(type)));

  const Tenant = new GraphQLObjectType({
    name: 'Tenant',
    fields: { id: { type: nonNull(GraphQLID) }, name: { type: nonNull(GraphQLString) }, code: { type: nonNull(GraphQLString) } },
  });
  const tenantOf = (source: { tenantId: string }, _args: unknown, context: Context) => context.loaders.tenantById.load(source.tenantId);
  const Phase = new GraphQLObjectType({
    name: 'NationalPhase',
    fields: { id: { type: nonNull(GraphQLID) }, decisionNumber: { type: nonNull(GraphQLString) }, title: { type: nonNull(GraphQLString) } },
  });
  const Figures = new GraphQLObjectType({
    name: 'FigureSet',
    fields: { clubs: { type: nonNull(GraphQLInt) }, members: { type: nonNull(GraphQLInt) } },
  });
  const Row = new GraphQLObjectType<{ tenantId: string }, Context>({
    name: 'ProvinceComparison',
    fields: {
      tenant: { type: Tenant, resolve: (row, args, context) => (row.tenantId === 'national' ? null : tenantOf(row, args, context)) },
      figures: { type: nonNull(Figures) },
      newClubs: { type: nonNull(GraphQLInt) },
      percentOfOwnTargets: { type: Decimal },
      clubsPer100Communes: { type: Decimal },
      membersPer1000Older: { type: Decimal },
      membersPerClub: { type: nonNull(Decimal) },
      olderPercent: { type: nonNull(Decimal) },
      womenPercent: { type: nonNull(Decimal) },
      poorOrNearPoorPercent: { type: nonNull(Decimal) },
      meetingStandardPercent: { type: nonNull(Decimal) },
      borrowedPercent: { type: nonNull(Decimal) },
      fundsMobilised: { type: nonNull(VND) },
    },
  });
  const TrendPoint = new GraphQLObjectType<{ tenantId: string }, Context>({
    name: 'ProvinceTrendPoint',
    fields: { month: { type: Month }, clubs: { type: nonNull(GraphQLInt) }, members: { type: nonNull(GraphQLInt) }, tenant: { type: nonNull(Tenant), resolve: tenantOf } },
  });
  const Indicator = new GraphQLObjectType({
    name: 'Indicator',
    fields: {
      id: { type: nonNull(GraphQLID) }, code: { type: nonNull(GraphQLString) }, nameVi: { type: nonNull(GraphQLString) },
      nameEn: { type: nonNull(GraphQLString) }, unit: { type: nonNull(IndicatorUnit) },
    },
  });
  const PhaseTarget = new GraphQLObjectType({
    name: 'NationalPhaseTarget',
    fields: { id: { type: nonNull(GraphQLID) }, descriptionVi: { type: nonNull(GraphQLString) }, descriptionEn: { type: nonNull(GraphQLString) } },
  });
  const ProvinceContribution = new GraphQLObjectType<{ tenantId: string }, Context>({
    name: 'ProvinceContribution',
    fields: { value: { type: nonNull(Decimal) }, percentOfTarget: { type: nonNull(Decimal) }, tenant: { type: nonNull(Tenant), resolve: tenantOf } },
  });
  const Contribution = new GraphQLObjectType({
    name: 'PhaseContribution',
    fields: {
      byYear: { type: GraphQLInt }, target: { type: nonNull(Decimal) }, actual: { type: nonNull(Decimal) }, percentAchieved: { type: nonNull(Decimal) },
      indicator: { type: nonNull(Indicator) }, phaseTarget: { type: nonNull(PhaseTarget) }, provinces: { type: list(ProvinceContribution) },
    },
  });
  const Comparison = new GraphQLObjectType<NationalComparison, Context>({
    name: 'NationalComparison',
    fields: {
      fromMonth: { type: Month },
      month: { type: Month },
      map: { type: nonNull(ProvinceMapType) },
      phase: {
        type: Phase,
        resolve: (comparison) => comparison.phase,
      },
      provinces: { type: list(Row) },
      national: { type: nonNull(Row) },
      trend: { type: list(TrendPoint) },
      contributions: { type: list(Contribution) },
    },
  });
  return new GraphQLSchema({
    query: new GraphQLObjectType<unknown, Context>({
      name: 'Query',
      fields: {
        nationalComparison: {
          type: nonNull(Comparison),
          args: {
            phaseId: { type: GraphQLID },
            fromMonth: { type: scalar('Month') },
            month: { type: scalar('Month') },
            map: { type: nonNull(ProvinceMapType), defaultValue: ProvinceMap.TODAY },
          },
          async resolve(_root, args: { phaseId?: string; fromMonth?: string; month?: string; map: ProvinceMap }, context) {
            if (!context.viewer || !(NATIONAL_ROLES as readonly string[]).includes(context.viewer.role)) throw new Error('forbidden');
            const db = await context.db();
            const { phase, fromMonth, month } = await comparisonPeriodOf(db, args);
            return nationalComparison(db, phase, fromMonth, month, args.map);
          },
        },
      },
    }),
  });
}
