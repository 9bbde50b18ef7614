import type { SignInThrottle } from '../auth/sign-in-throttle.js';
import type { TokenService } from '../auth/tokens.js';
import type { ComparisonParts } from '../figures/national-comparison.js';

/** Process-wide collaborators shared by every request. They hold no request state. */
export interface Services {
  tokens: TokenService;
  signInThrottle: SignInThrottle;
  /** The national comparison's provinces as last computed; the HTTP app makes one when none is given. */
  comparisonParts?: ComparisonParts;
}
