import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Rolldown } from 'vite';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';

const apiTarget = `http://127.0.0.1:${process.env.API_PORT || 4000}`;

/**
 * Libraries change less often than the app: separate chunks stay cached on slow phone connections.
 * `$initial` keeps a group to what the first page (sign-in) imports: the Mantine components and
 * other libraries only signed-in pages use are split with those pages instead of riding along.
 */
const vendorGroups: Rolldown.CodeSplittingGroup[] = [
  { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router|cookie|set-cookie-parser)[\\/]/ },
  { name: 'mantine', tags: ['$initial'], test: /node_modules[\\/](@mantine(?![\\/]charts)|@floating-ui|@tabler|react-remove-scroll[^\\/]*|react-number-format|react-transition-group|react-style-singleton|use-callback-ref|use-sidecar|get-nonce|clsx|tslib)[\\/]/ },
  { name: 'apollo', test: /node_modules[\\/](@apollo|@wry|graphql|rxjs|optimism|@graphql-typed-document-node)[\\/]/ },
  // Before charts: a group takes the dependencies of what it captures, and charts would otherwise take
  // those it shares with the first page (use-sync-external-store), which then loaded all of recharts.
  { name: 'vendor', tags: ['$initial'], test: /node_modules[\\/]/ },
  // Only the dashboards draw charts: recharts and its helpers stay out of what every other page loads.
  { name: 'charts', test: /node_modules[\\/](recharts|@mantine[\\/]charts|d3-[^\\/]+|victory-vendor|internmap|decimal\.js-light|es-toolkit|eventemitter3|immer|redux|redux-thunk|reselect|react-redux|@reduxjs|tiny-invariant|use-sync-external-store)[\\/]/ },
];

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [
    react(),
    // The hashed scripts and styles compressed once, at the highest levels, next to the originals: the
    // server sends these rather than compressing each answer at the low level it can afford per request.
    compression({
      include: /^assets\/.+\.(js|css)$/,
      threshold: 1024,
      algorithms: [defineAlgorithm('brotliCompress', { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY } }), defineAlgorithm('gzip', { level: 9 })],
      logLevel: 'silent',
    }),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // dist/.vite/manifest.json: each entry's chunks and what they import, read by the tests that keep
    // the sign-in page and the club area light, and by `npm run bench:client`.
    manifest: true,
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
