/** Test databases are named ishc_test_<run started, epoch seconds>_<…>; one run never touches another's. */
export const TEST_DATABASE_PREFIX = 'ishc_test_';
/** A run's leftovers older than this are from a crashed run and are dropped by the next one. */
export const STALE_TEST_DATABASE_SECONDS = 6 * 60 * 60;
export const TEST_APP_PASSWORD = 'test-app-password-not-secret';
export const TEST_JWT_SECRET = 'test-jwt-secret-that-is-long-enough-0123456789';
