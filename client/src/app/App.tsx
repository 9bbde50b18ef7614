import { MantineProvider } from '@mantine/core';
import { RouterProvider } from 'react-router';
import { router } from './router';
import { SessionProvider } from './session/SessionProvider';
import { cssVariablesResolver, theme } from './theme';

/** Apollo Client is not here: it comes with the signed-in shell (SignedInLayout), not with the sign-in page. */
export function App() {
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      <SessionProvider>
        <RouterProvider router={router} />
      </SessionProvider>
    </MantineProvider>
  );
}
