import type { SignInThrottle } from '../auth/sign-in-throttle.js';
import type { TokenService } from '../auth/tokens.js';

/** Process-wide collaborators shared by every request. They hold no request state. */
export interface Services {
  tokens: TokenService;
  signInThrottle: SignInThrottle;
}
