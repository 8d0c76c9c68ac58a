import type { GraphQLSchema } from 'graphql';
import type {
  AuthResult,
  Authenticator,
  Principal,
  RequestHeaders,
  SignedRequestParts,
} from '../../auth/authenticate';
import { authorizationRules, isFieldAllowed } from '../../auth/directives';
import type { AuthMode } from '../../auth/modes';

export type { AuthResult, Principal };

/**
 * What the engine needs from authorization: who is calling (decided once per request from its
 * credentials) and whether that caller may read a field (decided for every field resolved).
 */
export interface EngineAuth {
  authenticate(
    headers: RequestHeaders,
    sourceIp: string,
    request: SignedRequestParts,
  ): Promise<AuthResult>;
  /** Whether the principal may read `Type.field` under the schema's auth directives. */
  isFieldAllowed(typeName: string, fieldName: string, principal: Principal): boolean;
}

/** Joins request authentication with the schema's directive rules. */
export function engineAuth(
  authenticator: Authenticator,
  schema: GraphQLSchema,
  defaultMode: AuthMode,
): EngineAuth {
  const rules = authorizationRules(schema, defaultMode);
  return {
    authenticate: (headers, sourceIp, request) =>
      authenticator.authenticate(headers, sourceIp, request),
    isFieldAllowed: (typeName, fieldName, principal) =>
      isFieldAllowed(rules, typeName, fieldName, principal),
  };
}
