/**
 * The bench measures the server as it is deployed (the Dockerfile sets NODE_ENV=production): set
 * before any other module loads, as graphql-js and grafast choose their checks when they load.
 * Imported first by run.ts.
 */
process.env.NODE_ENV ??= 'production';
