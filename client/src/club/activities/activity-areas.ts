import type { ActivityArea } from '../../gql/graphql';

/** The eight areas in the order of the program's documents. */
export const activityAreas: ActivityArea[] = ['LIVELIHOOD', 'HEALTH', 'HOME_CARE', 'SELF_HELP', 'RIGHTS', 'LEARNING', 'CULTURE', 'RESOURCE_MOBILISATION'];
