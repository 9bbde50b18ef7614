import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const apiTarget = `http://127.0.0.1:${process.env.API_PORT || 4000}`;

/** Libraries change less often than the app: separate chunks stay cached on slow phone connections. */
const vendorGroups = [
  { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router|cookie|set-cookie-parser)[\\/]/ },
  { name: 'mantine', test: /node_modules[\\/](@mantine(?![\\/]charts)|@floating-ui|@tabler|react-remove-scroll[^\\/]*|react-number-format|react-transition-group|react-style-singleton|use-callback-ref|use-sidecar|get-nonce|clsx|tslib)[\\/]/ },
  { name: 'apollo', test: /node_modules[\\/](@apollo|@wry|graphql|rxjs|optimism|@graphql-typed-document-node)[\\/]/ },
  // Only the dashboards draw charts: recharts and its helpers stay out of what every other page loads
  // (after the groups above, which would otherwise lose the modules charts share with them).
  { name: 'charts', test: /node_modules[\\/](recharts|@mantine[\\/]charts|d3-[^\\/]+|victory-vendor|internmap|decimal\.js-light|es-toolkit|eventemitter3|immer|redux|redux-thunk|reselect|react-redux|@reduxjs|tiny-invariant|use-sync-external-store)[\\/]/ },
  { name: 'vendor', test: /node_modules[\\/]/ },
];

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: vendorGroups.map((group, index) => ({ ...group, priority: vendorGroups.length - index })),
        },
      },
    },
  },
  server: {
    proxy: {
      '/graphql': apiTarget,
      '/exports': apiTarget,
      '/imports': apiTarget,
      '/healthz': apiTarget,
      '/readyz': apiTarget,
    },
  },
});
