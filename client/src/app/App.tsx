import { ApolloProvider } from '@apollo/client/react';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { RouterProvider } from 'react-router';
import { createApolloClient } from './apollo';
import { router } from './router';
import { SessionProvider } from './session/SessionProvider';
import { theme } from './theme';

const apolloClient = createApolloClient();

export function App() {
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      {/* The header, its menu and every page's back link sit at the top: a toast in the bottom
          corner leaves them clear (at the top it covered the back link after a report's return). */}
      <Notifications position="bottom-right" limit={3} />
      <ApolloProvider client={apolloClient}>
        <SessionProvider>
          <RouterProvider router={router} />
        </SessionProvider>
      </ApolloProvider>
    </MantineProvider>
  );
}
