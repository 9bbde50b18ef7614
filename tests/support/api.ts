import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { createLogger, type Logger } from '../../server/src/logger.js';
import { SignInThrottle, type ThrottleLimits } from '../../server/src/auth/sign-in-throttle.js';
import { TokenService } from '../../server/src/auth/tokens.js';
import type { ComparisonParts } from '../../server/src/figures/national-comparison.js';
import { createHttpApp, type HttpApp } from '../../server/src/http/app.js';
import { DEMO_PASSWORD } from '../../server/seed/demo-accounts.js';
import { TEST_JWT_SECRET } from './constants.js';
import type { TestDatabase } from './database.js';

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; path?: string[]; extensions?: { code?: string; fields?: Array<{ field: string; message: string }>; [key: string]: unknown } }>;
  raw: string;
}

/** Limits no test reaches unless it means to: every request of a test file comes from one address. */
const NO_THROTTLE: ThrottleLimits = { perLoginAndAddress: 1000, perAddress: 10_000, perLogin: 10_000, windowMs: 60_000, maxLoginWindowMs: 60_000 };

export interface TestServer {
  url: string;
  app: HttpApp;
  tokens: TokenService;
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, token?: string, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  post(body: string, headers?: Record<string, string>): Promise<{ status: number; text: string }>;
  signIn(login: string, password?: string): Promise<string>;
  stop(): Promise<void>;
}

export async function startTestServer(
  database: Pick<TestDatabase, 'app'>,
  options: {
    statementTimeoutMs?: number;
    throttle?: ThrottleLimits;
    serveClient?: boolean;
    log?: Logger;
    production?: boolean;
    trustProxy?: boolean;
    comparisonParts?: ComparisonParts;
  } = {},
): Promise<TestServer> {
  const tokens = new TokenService(TEST_JWT_SECRET, 60);
  const app = await createHttpApp({
    dataSource: database.app,
    services: { tokens, signInThrottle: new SignInThrottle(database.app, options.throttle ?? NO_THROTTLE), comparisonParts: options.comparisonParts },
    log: options.log ?? createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
    statementTimeoutMs: options.statementTimeoutMs ?? 10_000,
    serveClient: options.serveClient ?? false,
    trustProxy: options.trustProxy ?? false,
    introspection: !options.production,
    production: options.production ?? false,
  });
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

  const post = async (body: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    return { status: response.status, text: await response.text() };
  };

  const gql = async <T,>(query: string, variables?: Record<string, unknown>, token?: string, headers: Record<string, string> = {}): Promise<GraphQLResponse<T>> => {
    const { status, text } = await post(JSON.stringify({ query, variables }), { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) });
    const parsed = JSON.parse(text) as { data?: T | null; errors?: GraphQLResponse<T>['errors'] };
    return { status, data: parsed.data, errors: parsed.errors, raw: text };
  };

  return {
    url,
    app,
    tokens,
    gql,
    post,
    async signIn(login, password = DEMO_PASSWORD) {
      const result = await gql<{ signIn: { token: string } }>(
        'mutation SignIn($login: String!, $password: String!) { signIn(login: $login, password: $password) { token } }',
        { login, password },
      );
      if (!result.data?.signIn) throw new Error(`sign-in of ${login} failed: ${result.raw}`);
      return result.data.signIn.token;
    },
    stop: () => app.stop(),
  };
}

export function codesOf(response: GraphQLResponse): string[] {
  return (response.errors ?? []).map((error) => String(error.extensions?.code));
}
