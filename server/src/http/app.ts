import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import express, { type ErrorRequestHandler, type Request, type RequestHandler, type Response } from 'express';
import expressStaticGzip from 'express-static-gzip';
import type { GraphQLFormattedError } from 'graphql';
import helmet from 'helmet';
import type { DataSource } from 'typeorm';
import type { AuthFailure, Context } from '../graphql/context.js';
import { compressedAnswers, compressedFiles } from './compressed-answers.js';
import { ErrorCode, formatError } from '../graphql/errors.js';
import { aliasLimit, depthLimit, LIMITS } from '../graphql/limits.js';
import { createLoaders } from '../graphql/loaders.js';
import { keptAnswersPlugin, type KeptBody } from '../graphql/kept-answers.js';
import { complexityPlugin, loggingPlugin, transactionPlugin } from '../graphql/plugins.js';
import { CLIENT_DOCUMENTS_FILE, TrustedDocuments } from '../graphql/trusted-documents.js';
import { buildApiSchema } from '../graphql/schema.js';
import type { Services } from '../graphql/services.js';
import { RequestScope, type Viewer } from '../database/request-scope.js';
import { ReadinessProbe } from '../database/readiness.js';
import { addExportRoutes } from '../exports/export.routes.js';
import { ComparisonParts } from '../figures/national-comparison.js';
import { addImportRoutes } from '../imports/import.routes.js';
import { addImportTemplateRoutes } from '../imports/import-templates.js';
import type { Logger } from '../logger.js';

export interface AppOptions {
  dataSource: DataSource;
  services: Services;
  log: Logger;
  statementTimeoutMs: number;
  serveClient: boolean;
  /** Proxies in front (hops of X-Forwarded-For to trust); true is one. */
  trustProxy: number | boolean;
  introspection: boolean;
  /**
   * NODE_ENV=production: errors give no hints about the schema, and callers without an account may
   * send only the client's operations.
   */
  production: boolean;
}

export interface HttpApp {
  server: http.Server;
  /** Stops taking requests, lets in-flight ones finish, then closes idle connections. */
  stop(): Promise<void>;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;
const clientDist = fileURLToPath(new URL('../../../client/dist', import.meta.url));

export async function createHttpApp(given: AppOptions): Promise<HttpApp> {
  const options: AppOptions = { ...given, services: { ...given.services, comparisonParts: given.services.comparisonParts ?? new ComparisonParts() } };
  const { dataSource, services, log } = options;
  const app = express();
  app.disable('x-powered-by');
  // Answers of the API are never revalidated by caches: no ETag hashed over every response body.
  // (Static files of the client keep theirs: express.static makes its own.)
  app.disable('etag');
  // A hop count, never `true` (which trusts the leftmost address, one the client may have written).
  app.set('trust proxy', options.trustProxy === true ? 1 : Number(options.trustProxy));
  const server = http.createServer(app);
  const schema = await buildApiSchema();
  const trustedDocuments = TrustedDocuments.load(CLIENT_DOCUMENTS_FILE, {
    required: options.production,
    rereadOnMiss: !options.production,
  });
  if (trustedDocuments.size === 0) log.warn({ file: trustedDocuments.file }, 'no client operations to answer by id: run `npm run codegen`');

  const apollo = new ApolloServer<Context>({
    schema,
    formatError: options.production ? withoutSuggestions : formatError,
    includeStacktraceInErrorResponses: false,
    introspection: options.introspection,
    // Shutdown order (HTTP, then pool, then PostgreSQL) belongs to the platform, not to Apollo.
    stopOnTerminationSignals: false,
    parseOptions: { maxTokens: LIMITS.maxTokens },
    validationRules: [depthLimit(LIMITS.maxDepth), aliasLimit(LIMITS.maxAliases)],
    // Operations sent by id are the client's, read from its build; the server learns no others.
    persistedQueries: { cache: trustedDocuments.cache() },
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: server }),
      // No response is cached by HTTP caches (answers depend on the viewer), and the cache-control
      // plugin Apollo adds otherwise wraps every field's resolver: thousands per roster page.
      ApolloServerPluginCacheControlDisabled(),
      loggingPlugin(),
      complexityPlugin(schema),
      keptAnswersPlugin(),
      transactionPlugin(),
    ],
  });
  await apollo.start();

  app.use((request, response, next) => {
    const given = request.get('x-request-id');
    const requestId = given && REQUEST_ID.test(given) ? given : randomUUID();
    response.locals.requestId = requestId;
    response.setHeader('x-request-id', requestId);
    next();
  });

  app.use(securityHeaders());
  app.use(compressedFiles());

  app.get('/healthz', (_request, response) => {
    response.json({ status: 'ok' });
  });

  const readiness = ReadinessProbe.of(dataSource);
  app.get('/readyz', async (_request, response) => {
    try {
      const answer = await readiness.check();
      response.status(answer.status === 'ready' ? 200 : 503).json(answer);
    } catch (error) {
      log.warn({ err: error }, 'readiness check failed');
      response.status(503).json({ status: 'database unavailable' });
    }
  });

  addImportTemplateRoutes(app);
  addImportRoutes(app, {
    dataSource,
    statementTimeoutMs: options.statementTimeoutMs,
    log,
    viewerOf: async (request) => (await viewerFrom(request, services)).viewer,
  });
  addExportRoutes(app, {
    dataSource,
    statementTimeoutMs: options.statementTimeoutMs,
    log,
    viewerOf: async (request) => (await viewerFrom(request, services)).viewer,
  });

  app.use(
    '/graphql',
    notCached,
    compressedAnswers(),
    express.json({ limit: LIMITS.bodyBytes, verify: refuseInvalidUtf8 }),
    trustedDocuments.guard({
      anonymousOnlyTrusted: options.production,
      // Verified tokens are remembered: the context's reading of the same token costs nothing more.
      signedIn: async (request) => (await viewerFrom(request, services)).viewer !== null,
      log,
    }),
    expressMiddleware(apollo, {
      context: async ({ req }) => buildContext(req, options),
    }),
  );

  if (options.serveClient && existsSync(clientDist)) {
    // Vite names every file under assets/ by a hash of its content: a changed file is a new name,
    // so a browser may keep one for a year without asking again. The build leaves each script and
    // stylesheet compressed beside it (.br, .gz), sent as they are to a browser that takes them.
    app.use(
      '/assets',
      expressStaticGzip(path.join(clientDist, 'assets'), {
        enableBrotli: true,
        orderPreference: ['br', 'gzip'],
        index: false,
        serveStatic: { index: false, immutable: true, maxAge: '365d' },
      }),
    );
    // index.html (and the few unhashed files) names the current assets: always asked for again,
    // so a new release is seen on the next load. So is the service worker, /sw.js: a browser checks
    // it for a new release on every visit rather than keeping the old one.
    const revalidated = (response: Response) => response.setHeader('cache-control', 'no-cache');
    app.use(express.static(clientDist, { index: false, cacheControl: false, setHeaders: revalidated }));
    app.get(/^\/(?!graphql|healthz|readyz|exports|assets\/).*/, (_request, response) => {
      revalidated(response);
      response.sendFile(path.join(clientDist, 'index.html'), { cacheControl: false });
    });
  }

  app.use(requestErrorHandler(log));

  return {
    server,
    async stop() {
      await apollo.stop();
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
      await readiness.close();
    },
  };
}

async function buildContext(request: Request, options: AppOptions): Promise<Context> {
  const requestId = String(request.res?.locals.requestId ?? randomUUID());
  const { viewer, authFailure } = await viewerFrom(request, options.services);
  const scope = new RequestScope(options.dataSource, viewer, { statementTimeoutMs: options.statementTimeoutMs });
  const db = () => scope.db();
  const keptBody: KeptBody = {};
  if (request.res) request.res.locals.keptBody = keptBody;
  return {
    keptBody,
    requestId,
    viewer,
    authFailure,
    clientAddress: request.ip ?? request.socket.remoteAddress ?? 'unknown',
    scope,
    db,
    loaders: createLoaders(db),
    services: options.services,
    log: options.log.child({ requestId }),
  };
}

async function viewerFrom(request: Request, services: Services): Promise<{ viewer: Viewer | null; authFailure: AuthFailure | null }> {
  const header = request.get('authorization');
  if (!header) return { viewer: null, authFailure: null };
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) return { viewer: null, authFailure: 'invalid' };
  const verified = await services.tokens.verify(match[1]);
  return 'viewer' in verified ? { viewer: verified.viewer, authFailure: null } : { viewer: null, authFailure: verified.failure };
}

/**
 * Content-Security-Policy with no inline script: the built index.html loads only files of its own
 * origin. Styles do need 'unsafe-inline': Mantine writes its CSS variables into <style> elements at
 * run time and sets style attributes on components, which no nonce or hash can cover. Injected CSS
 * cannot run script, and connect-src and img-src 'self' leave it nowhere to send what it reads.
 * HSTS only over TLS (request.secure honours TRUST_PROXY): sent over plain HTTP it means nothing,
 * and a local install must stay reachable over http://127.0.0.1.
 */
function securityHeaders(): RequestHandler {
  const headers = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    strictTransportSecurity: false,
    xFrameOptions: { action: 'deny' },
  });
  const hsts = helmet.strictTransportSecurity({ maxAge: 365 * 24 * 60 * 60, includeSubDomains: true });
  return (request, response, next) => {
    headers(request, response, (error?: unknown) => {
      if (error || !request.secure) next(error);
      else hsts(request, response, next);
    });
  };
}

/** API answers depend on the viewer and change with every write: no cache keeps them. */
const notCached: RequestHandler = (_request, response, next) => {
  response.setHeader('cache-control', 'no-store');
  next();
};

class InvalidUtf8Error extends Error {
  readonly type = 'encoding.invalid.utf8';
  readonly status = 400;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** express.json decodes leniently, storing bytes that are not UTF-8 as U+FFFD: refuse them instead. */
function refuseInvalidUtf8(_request: Request, _response: Response, body: Buffer, encoding: string): void {
  if (encoding.toLowerCase().replace('-', '') !== 'utf8') return;
  try {
    strictUtf8.decode(body);
  } catch {
    throw new InvalidUtf8Error('The request body is not valid UTF-8.');
  }
}

/** In production validation errors name no field the client did not ask for ("Did you mean …?"). */
function withoutSuggestions(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const shaped = formatError(formatted, error);
  return { ...shaped, message: shaped.message.replace(/ ?Did you mean [^?]*\?/g, '') };
}

/** Bodies that never reach GraphQL (bad JSON, too large) still get a GraphQL-shaped error. */
function requestErrorHandler(log: Logger): ErrorRequestHandler {
  return (error, _request, response, next) => {
    if (response.headersSent) {
      next(error);
      return;
    }
    const refuse = (status: number, message: string) => {
      // A client's mistake: one line, no stack.
      log.info({ requestId: response.locals.requestId, status, code: ErrorCode.BAD_REQUEST, reason: message }, 'request refused');
      response.status(status).json({ errors: [{ message, extensions: { code: ErrorCode.BAD_REQUEST } }] });
    };
    const type = (error as { type?: string }).type;
    if (type === 'entity.too.large') {
      refuse(413, `The request is larger than ${LIMITS.bodyBytes / 1024} KB.`);
      return;
    }
    if (type === 'entity.parse.failed') {
      refuse(400, 'The request body is not valid JSON.');
      return;
    }
    if (type === 'encoding.invalid.utf8') {
      refuse(400, 'The request body is not valid UTF-8.');
      return;
    }
    const status = (error as { status?: number }).status;
    if (status && status >= 400 && status < 500) {
      refuse(status, 'The request could not be read.');
      return;
    }
    log.error({ err: error }, 'unhandled request error');
    response.status(500).json({ errors: [{ message: 'Something went wrong on our side.', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } }] });
  };
}
