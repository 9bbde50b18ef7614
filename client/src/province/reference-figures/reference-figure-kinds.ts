import type { ReferenceFigureKind } from '../../gql/graphql';

/** In the order a province's statistics yearbook gives them. */
export const referenceFigureKinds: ReferenceFigureKind[] = ['OLDER_POPULATION', 'COMMUNES', 'POOR_HOUSEHOLDS', 'NEAR_POOR_HOUSEHOLDS'];
