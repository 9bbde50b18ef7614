import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin, type Rolldown } from 'vite';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';
import { VitePWA } from 'vite-plugin-pwa';

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

/** Pages of the province and the national office, and the English messages: never opened on a club's phone. */
const notForClubPhones = /[\\/]client[\\/]src[\\/](province|national)[\\/]|[\\/]i18n[\\/]en\.ts$/;

/**
 * The files a club's phone keeps for offline use: what the first page and the club area can load,
 * following imports from the entry but not into the province's or national pages nor English (nor so
 * into charts, which only those pages draw). Found from the bundle, not from file names.
 */
function clubPhoneFiles(): { plugin: Plugin; keeps: (url: string) => boolean } {
  let reachable: Set<string> | null = null;
  const plugin: Plugin = {
    name: 'club-phone-files',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((output): output is Rolldown.OutputChunk => output.type === 'chunk');
      const byFile = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
      const seen = new Set<string>();
      const visit = (fileName: string) => {
        const chunk = byFile.get(fileName);
        if (!chunk || seen.has(fileName)) return;
        seen.add(fileName);
        for (const css of chunk.viteMetadata?.importedCss ?? []) seen.add(css);
        chunk.imports.forEach(visit);
        for (const next of chunk.dynamicImports) if (!notForClubPhones.test(byFile.get(next)?.facadeModuleId ?? '')) visit(next);
      };
      chunks.filter((chunk) => chunk.isEntry).forEach((chunk) => visit(chunk.fileName));
      reachable = seen;
    },
  };
  const keeps = (url: string) => !/^assets\//.test(url) || reachable === null || reachable.has(url);
  return { plugin, keeps };
}

const clubPhone = clubPhoneFiles();

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
    clubPhone.plugin,
    // An installable app whose service worker (/sw.js) keeps the club area's files: after one visit its
    // pages open without a connection. Data is not cached here: the club area keeps its own (IndexedDB).
    VitePWA({
      injectRegister: false,
      registerType: 'autoUpdate',
      includeAssets: ['favicon.svg', 'icons/apple-touch-icon-180.png'],
      manifest: {
        name: 'Câu lạc bộ Liên thế hệ tự giúp nhau',
        short_name: 'CLB LTHTGN',
        description: 'Nền tảng quản lý Câu lạc bộ Liên thế hệ tự giúp nhau',
        lang: 'vi',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#0c8599',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        manifestTransforms: [(entries) => ({ manifest: entries.filter((entry) => clubPhone.keeps(entry.url)), warnings: [] })],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/(graphql|exports|imports|healthz|readyz)/],
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
      },
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
