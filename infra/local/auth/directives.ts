/**
 * Field-level authorization from AppSync's auth directives (appsync-runtime.md §10.2): which modes,
 * and under Cognito which groups, may resolve each field of each object type. Computed once per
 * schema into maps, because the check runs for every resolved field.
 */
import { Kind, isObjectType, type ConstDirectiveNode, type GraphQLSchema } from 'graphql';
import type { AuthMode } from './modes';

/** What one field allows. */
export interface FieldRule {
  readonly modes: ReadonlySet<AuthMode>;
  /** Under Cognito: the caller needs one of these groups; null means any user of the pool. */
  readonly cognitoGroups: ReadonlySet<string> | null;
}

/** Every object type's field rules, plus the rule for anything not in the schema. */
export interface AuthorizationRules {
  readonly types: ReadonlyMap<string, ReadonlyMap<string, FieldRule>>;
  /** Rule 3: only the default mode (used for types/fields without directives). */
  readonly defaultRule: FieldRule;
}

/** The caller, as far as directives care. */
export interface FieldPrincipal {
  readonly mode: AuthMode;
  readonly groups: readonly string[] | null;
}

const DIRECTIVE_MODES: Readonly<Record<string, AuthMode>> = {
  aws_api_key: 'API_KEY',
  aws_iam: 'AWS_IAM',
  aws_oidc: 'OPENID_CONNECT',
  aws_lambda: 'AWS_LAMBDA',
  aws_cognito_user_pools: 'AMAZON_COGNITO_USER_POOLS',
  // Legacy, for Cognito-only APIs; read as Cognito with its groups.
  aws_auth: 'AMAZON_COGNITO_USER_POOLS',
};

function groupsArgument(directive: ConstDirectiveNode): string[] | null {
  const argument = directive.arguments?.find((arg) => arg.name.value === 'cognito_groups');
  if (!argument || argument.value.kind === Kind.NULL) {
    return null;
  }
  // A single string is a one-element list (GraphQL input coercion).
  const values = argument.value.kind === Kind.LIST ? argument.value.values : [argument.value];
  return values.flatMap((value) => (value.kind === Kind.STRING ? [value.value] : []));
}

/** The rule that a list of directives states, or null when none of them is an auth directive. */
function ruleFromDirectives(directives: readonly ConstDirectiveNode[]): FieldRule | null {
  const modes = new Set<AuthMode>();
  let cognitoGroups: Set<string> | null = null;
  let anyCognitoUser = false;
  for (const directive of directives) {
    const mode = DIRECTIVE_MODES[directive.name.value];
    if (!mode) {
      continue;
    }
    modes.add(mode);
    if (mode === 'AMAZON_COGNITO_USER_POOLS') {
      const groups = groupsArgument(directive);
      if (groups === null) {
        anyCognitoUser = true;
      } else {
        cognitoGroups = new Set([...(cognitoGroups ?? []), ...groups]);
      }
    }
  }
  if (modes.size === 0) {
    return null;
  }
  return { modes, cognitoGroups: anyCognitoUser ? null : cognitoGroups };
}

/**
 * Computes every object type's field rules: a field's own auth directives replace its type's
 * (rule 1); otherwise the type's apply (rule 2); otherwise only the default mode (rule 3). Root
 * types and nested types alike (rules 4, 5). Interfaces and unions have no rules of their own:
 * fields are checked on the concrete object type that resolves them.
 */
export function authorizationRules(
  schema: GraphQLSchema,
  defaultMode: AuthMode,
): AuthorizationRules {
  const defaultRule: FieldRule = { modes: new Set([defaultMode]), cognitoGroups: null };
  const types = new Map<string, Map<string, FieldRule>>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) {
      continue;
    }
    const typeRule =
      ruleFromDirectives([
        ...(type.astNode?.directives ?? []),
        ...type.extensionASTNodes.flatMap((node) => node.directives ?? []),
      ]) ?? defaultRule;
    const fields = new Map<string, FieldRule>();
    for (const field of Object.values(type.getFields())) {
      fields.set(field.name, ruleFromDirectives(field.astNode?.directives ?? []) ?? typeRule);
    }
    types.set(type.name, fields);
  }
  return { types, defaultRule };
}

/** The rule for one field (the default rule for names the schema does not have). */
export function fieldRule(
  rules: AuthorizationRules,
  typeName: string,
  fieldName: string,
): FieldRule {
  return rules.types.get(typeName)?.get(fieldName) ?? rules.defaultRule;
}

/**
 * Whether `principal` may resolve `typeName.fieldName`; `typeName` is the concrete object type
 * (graphql-js `info.parentType`). Introspection (`__typename`, `__schema`, `__type` and the
 * introspection types) is open to every authenticated caller.
 */
export function isFieldAllowed(
  rules: AuthorizationRules,
  typeName: string,
  fieldName: string,
  principal: FieldPrincipal,
): boolean {
  if (fieldName.startsWith('__') || typeName.startsWith('__')) {
    return true;
  }
  const rule = fieldRule(rules, typeName, fieldName);
  if (!rule.modes.has(principal.mode)) {
    return false;
  }
  if (principal.mode !== 'AMAZON_COGNITO_USER_POOLS' || rule.cognitoGroups === null) {
    return true;
  }
  const required = rule.cognitoGroups;
  return (principal.groups ?? []).some((group) => required.has(group));
}

/** AppSync's message for a field the caller may not resolve. */
export function notAuthorizedMessage(typeName: string, fieldName: string): string {
  return `Not Authorized to access ${fieldName} on type ${typeName}`;
}

/**
 * The field error AppSync reports for a denied field (HTTP 200, field null): errorType
 * `Unauthorized`, no data, no errorInfo.
 */
export class UnauthorizedFieldError extends Error {
  readonly errorType = 'Unauthorized';
  readonly errorInfo = null;
  readonly data = null;
  constructor(
    readonly typeName: string,
    readonly fieldName: string,
  ) {
    super(notAuthorizedMessage(typeName, fieldName));
    this.name = 'UnauthorizedFieldError';
  }
}
