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
import express, { type ErrorRequestHandler, type Request } from 'express';
import type { DataSource } from 'typeorm';
import type { AuthFailure, Context } from '../graphql/context.js';
import { ErrorCode, formatError } from '../graphql/errors.js';
import { aliasLimit, depthLimit, LIMITS } from '../graphql/limits.js';
import { createLoaders } from '../graphql/loaders.js';
import { complexityPlugin, loggingPlugin, transactionPlugin } from '../graphql/plugins.js';
import { buildApiSchema } from '../graphql/schema.js';
import type { Services } from '../graphql/services.js';
import { RequestScope, type Viewer } from '../database/request-scope.js';
import { ReadinessProbe } from '../database/readiness.js';
import { addExportRoutes } from '../exports/export.routes.js';
import type { Logger } from '../logger.js';

export interface AppOptions {
  dataSource: DataSource;
  services: Services;
  log: Logger;
  statementTimeoutMs: number;
  serveClient: boolean;
  trustProxy: boolean;
  introspection: boolean;
}

export interface HttpApp {
  server: http.Server;
  /** Stops taking requests, lets in-flight ones finish, then closes idle connections. */
  stop(): Promise<void>;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;
const clientDist = fileURLToPath(new URL('../../../client/dist', import.meta.url));

export async function createHttpApp(options: AppOptions): Promise<HttpApp> {
  const { dataSource, services, log } = options;
  const app = express();
  app.disable('x-powered-by');
  // Answers of the API are never revalidated by caches: no ETag hashed over every response body.
  // (Static files of the client keep theirs: express.static makes its own.)
  app.disable('etag');
  app.set('trust proxy', options.trustProxy);
  const server = http.createServer(app);
  const schema = await buildApiSchema();

  const apollo = new ApolloServer<Context>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    introspection: options.introspection,
    // Shutdown order (HTTP, then pool, then PostgreSQL) belongs to the platform, not to Apollo.
    stopOnTerminationSignals: false,
    parseOptions: { maxTokens: LIMITS.maxTokens },
    validationRules: [depthLimit(LIMITS.maxDepth), aliasLimit(LIMITS.maxAliases)],
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: server }),
      // No response is cached by HTTP caches (answers depend on the viewer), and the cache-control
      // plugin Apollo adds otherwise wraps every field's resolver: thousands per roster page.
      ApolloServerPluginCacheControlDisabled(),
      loggingPlugin(),
      complexityPlugin(schema),
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

  addExportRoutes(app, {
    dataSource,
    statementTimeoutMs: options.statementTimeoutMs,
    log,
    viewerOf: async (request) => (await viewerFrom(request, services)).viewer,
  });

  app.use(
    '/graphql',
    express.json({ limit: LIMITS.bodyBytes }),
    expressMiddleware(apollo, {
      context: async ({ req }) => buildContext(req, options),
    }),
  );

  if (options.serveClient && existsSync(clientDist)) {
    app.use(express.static(clientDist, { index: false, maxAge: '1h' }));
    app.get(/^\/(?!graphql|healthz|readyz|exports).*/, (_request, response) => {
      response.sendFile(path.join(clientDist, 'index.html'), { maxAge: 0 });
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
  return {
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

/** Bodies that never reach GraphQL (bad JSON, too large) still get a GraphQL-shaped error. */
function requestErrorHandler(log: Logger): ErrorRequestHandler {
  return (error, _request, response, next) => {
    if (response.headersSent) {
      next(error);
      return;
    }
    const type = (error as { type?: string }).type;
    if (type === 'entity.too.large') {
      response.status(413).json({
        errors: [{ message: `The request is larger than ${LIMITS.bodyBytes / 1024} KB.`, extensions: { code: ErrorCode.BAD_REQUEST } }],
      });
      return;
    }
    if (type === 'entity.parse.failed') {
      response.status(400).json({
        errors: [{ message: 'The request body is not valid JSON.', extensions: { code: ErrorCode.BAD_REQUEST } }],
      });
      return;
    }
    const status = (error as { status?: number }).status;
    if (status && status >= 400 && status < 500) {
      response.status(status).json({ errors: [{ message: 'The request could not be read.', extensions: { code: ErrorCode.BAD_REQUEST } }] });
      return;
    }
    log.error({ err: error }, 'unhandled request error');
    response.status(500).json({ errors: [{ message: 'Something went wrong on our side.', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } }] });
  };
}
