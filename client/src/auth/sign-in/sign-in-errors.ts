import type { ErrorCode } from '../../app/error-codes.js';

export type SignInErrorKey =
  | 'signIn.invalidCredentials'
  | 'signIn.throttled'
  | 'signIn.accountDisabled'
  | `errors.${ErrorCode}`;

/** Wrong login and wrong password get one message, so the form does not reveal which logins exist. */
export function signInErrorKey(code: ErrorCode | null): SignInErrorKey {
  switch (code) {
    case 'UNAUTHENTICATED':
    case 'BAD_USER_INPUT':
    case 'NOT_FOUND':
      return 'signIn.invalidCredentials';
    case 'TOO_MANY_REQUESTS':
      return 'signIn.throttled';
    case 'FORBIDDEN':
      return 'signIn.accountDisabled';
    default:
      return `errors.${code ?? 'UNKNOWN'}`;
  }
}
