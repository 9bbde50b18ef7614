import { ApolloProvider } from '@apollo/client/react';
import { createApolloClient } from '../apollo';
import { AppLayout } from './AppLayout';

/** One client for the whole visit: made when the shell is first loaded, its cache emptied on signing out. */
const apolloClient = createApolloClient();

/** The signed-in shell with what its pages read the API through. */
export function SignedInLayout() {
  return (
    <ApolloProvider client={apolloClient}>
      <AppLayout />
    </ApolloProvider>
  );
}
