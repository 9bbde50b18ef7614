export const TEMPLATE_DATABASE = 'ishc_test_template';
export const TEST_APP_PASSWORD = 'test-app-password-not-secret';
export const TEST_JWT_SECRET = 'test-jwt-secret-that-is-long-enough-0123456789';
