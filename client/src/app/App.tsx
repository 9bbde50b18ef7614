import { ApolloProvider } from '@apollo/client/react';
import { MantineProvider } from '@mantine/core';
import { RouterProvider } from 'react-router';
import { createApolloClient } from './apollo';
import { router } from './router';
import { SessionProvider } from './session/SessionProvider';
import { theme } from './theme';

const apolloClient = createApolloClient();

export function App() {
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <ApolloProvider client={apolloClient}>
        <SessionProvider>
          <RouterProvider router={router} />
        </SessionProvider>
      </ApolloProvider>
    </MantineProvider>
  );
}
