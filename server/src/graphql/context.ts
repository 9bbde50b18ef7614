import type { EntityManager } from 'typeorm';
import type { RequestScope, Viewer } from '../database/request-scope.js';
import type { Logger } from '../logger.js';
import type { KeptBody } from './kept-answers.js';
import type { Loaders } from './loaders.js';
import type { Services } from './services.js';

export type AuthFailure = 'expired' | 'invalid';

/** Everything a resolver may know about its request. Built once per request in http/graphql-handler.ts. */
export interface Context {
  requestId: string;
  viewer: Viewer | null;
  /** Why a presented token was refused; operations that need an account report it. */
  authFailure: AuthFailure | null;
  clientAddress: string;
  scope: RequestScope;
  /** The request's transaction, opened on first use. */
  db: () => Promise<EntityManager>;
  loaders: Loaders;
  services: Services;
  log: Logger;
  /** Set by the HTTP layer: where a kept answer is handed to it, to be sent as kept (graphql/kept-answers.ts). */
  keptBody?: KeptBody;
}

/** The viewer of an operation that requires one (the auth checker has run before). */
export function viewerOf(context: Context): Viewer {
  if (!context.viewer) throw new Error('viewerOf called on an anonymous request');
  return context.viewer;
}
