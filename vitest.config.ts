import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql ships .mjs and .js copies; Node loads the .js one for every package here, so the
    // tests must too, or type-graphql's instanceof checks see two different GraphQLScalarTypes.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    setupFiles: ['reflect-metadata'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 90_000,
    hookTimeout: 180_000,
    // A page on a busy machine (two suites, or embedded PostgreSQL starting beside them) can take
    // seconds to answer: a poll waits up to 15 s by default instead of 1 s.
    expect: { poll: { timeout: 15_000 } },
    reporters: ['default', 'json'],
    outputFile: { json: '.data/test-results.json' },
  },
});
