import type { AuthChecker } from 'type-graphql';
import type { Role } from '../users/role.js';
import type { Context } from './context.js';
import { forbidden, unauthenticated } from './errors.js';

/** `@Authorized()` needs an account; `@Authorized([roles])` needs one of those roles. */
export const authChecker: AuthChecker<Context, Role> = ({ context }, roles) => {
  if (!context.viewer) {
    if (context.authFailure === 'expired') throw unauthenticated('Your session has expired. Please sign in again.');
    if (context.authFailure === 'invalid') throw unauthenticated('Your session is not valid. Please sign in again.');
    throw unauthenticated();
  }
  if (roles.length > 0 && !roles.includes(context.viewer.role)) throw forbidden();
  return true;
};
