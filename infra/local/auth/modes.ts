/**
 * AppSync's authorization modes and the names the resolver runtime reports for them. Shared by
 * request authentication (which mode a request used) and the directive rules (which modes a field
 * allows).
 */

/** The `authenticationType` values of an AppSync API (default or additional mode). */
export type AuthMode =
  'API_KEY' | 'AMAZON_COGNITO_USER_POOLS' | 'AWS_IAM' | 'OPENID_CONNECT' | 'AWS_LAMBDA';

/** Every mode, in AppSync's order; used to validate configuration. */
export const AUTH_MODES: readonly AuthMode[] = [
  'API_KEY',
  'AMAZON_COGNITO_USER_POOLS',
  'AWS_IAM',
  'OPENID_CONNECT',
  'AWS_LAMBDA',
];

/**
 * `util.authType()` per mode (@aws-appsync/utils index.d.ts). The Lambda value is not documented;
 * `Lambda Authorization` is a guess kept for completeness (the local engine has no Lambda mode).
 */
export const AUTH_TYPE_NAMES = {
  API_KEY: 'API Key Authorization',
  AMAZON_COGNITO_USER_POOLS: 'User Pool Authorization',
  AWS_IAM: 'IAM Authorization',
  OPENID_CONNECT: 'Open ID Connect Authorization',
  AWS_LAMBDA: 'Lambda Authorization',
} as const satisfies Record<AuthMode, string>;

/** One of the strings `util.authType()` returns. */
export type AuthTypeName = (typeof AUTH_TYPE_NAMES)[AuthMode];
