import { buildSchema } from 'graphql';
import { loadSchema, readAppSyncDeclarations } from '../../build/schema';
import {
  authorizationRules,
  fieldRule,
  isFieldAllowed,
  notAuthorizedMessage,
  UnauthorizedFieldError,
} from './directives';
import type { AuthMode } from './modes';

const schema = buildSchema(`${readAppSyncDeclarations()}
type Query @aws_api_key @aws_cognito_user_pools {
  open: Thing
  adminOnly: Thing @aws_cognito_user_pools(cognito_groups: ["admins"]) @aws_iam
  iamOnly: String @aws_iam
  location: Location
  search: [SearchResult]
  node: Node
}
type Mutation {
  doIt: String
}
type Thing @aws_api_key @aws_cognito_user_pools @aws_iam {
  id: ID!
  secret: String @aws_iam
  forReaders: String @aws_cognito_user_pools(cognito_groups: ["readers", "admins"])
  single: String @aws_cognito_user_pools(cognito_groups: "ops")
  nobody: String @aws_cognito_user_pools(cognito_groups: [])
  mixed: String @aws_cognito_user_pools(cognito_groups: ["admins"]) @aws_auth
  oidc: String @aws_oidc
}
type Location {
  lat: Float
}
interface Node {
  id: ID!
}
type Post implements Node @aws_cognito_user_pools {
  id: ID!
}
union SearchResult = Post | Thing
type Legacy {
  old: String @aws_auth(cognito_groups: ["admins"])
}
`);

const KEY = 'API_KEY';
const USER = 'AMAZON_COGNITO_USER_POOLS';
const IAM = 'AWS_IAM';

describe('auth directive rules', () => {
  const rules = authorizationRules(schema, 'API_KEY');

  it.each<[string, AuthMode, string[] | null, boolean]>([
    // Rule 2: a field without directives inherits its type's.
    ['Query.open', KEY, null, true],
    ['Query.open', USER, null, true],
    ['Query.open', IAM, null, false],
    // Rule 1: a field's directives replace the type's, they do not add to them.
    ['Query.adminOnly', KEY, null, false],
    ['Query.adminOnly', IAM, null, true],
    ['Query.iamOnly', KEY, null, false],
    ['Query.iamOnly', USER, null, false],
    ['Query.iamOnly', IAM, null, true],
    // Rule 6: cognito_groups needs one of the groups; none listed means any pool user.
    ['Query.adminOnly', USER, ['admins'], true],
    ['Query.adminOnly', USER, ['readers', 'admins'], true],
    ['Query.adminOnly', USER, ['readers'], false],
    ['Query.adminOnly', USER, null, false],
    ['Thing.forReaders', USER, ['readers'], true],
    ['Thing.forReaders', KEY, null, false],
    ['Thing.single', USER, ['ops'], true],
    ['Thing.nobody', USER, ['admins'], false],
    ['Thing.mixed', USER, null, true],
    ['Thing.oidc', KEY, null, false],
    ['Thing.oidc', USER, ['admins'], false],
    ['Thing.id', IAM, null, true],
    ['Thing.secret', KEY, null, false],
    ['Thing.secret', IAM, null, true],
    // Rules 3 and 4: a nested type without directives is for the default mode only.
    ['Location.lat', KEY, null, true],
    ['Location.lat', USER, ['admins'], false],
    ['Location.lat', IAM, null, false],
    // Rule 5: root types without directives too.
    ['Mutation.doIt', KEY, null, true],
    ['Mutation.doIt', USER, ['admins'], false],
    // Abstract types: the concrete object type decides.
    ['Post.id', USER, null, true],
    ['Post.id', KEY, null, false],
    // Legacy @aws_auth counts as Cognito with its groups.
    ['Legacy.old', USER, ['admins'], true],
    ['Legacy.old', USER, ['readers'], false],
    ['Legacy.old', KEY, null, false],
    // Introspection is open; names the schema does not have get the default rule.
    ['Query.__typename', USER, null, true],
    ['__Schema.types', IAM, null, true],
    ['Nope.nothing', KEY, null, true],
    ['Nope.nothing', IAM, null, false],
  ])('%s under %s with groups %j: %s', (coordinate, mode, groups, allowed) => {
    const [typeName = '', fieldName = ''] = coordinate.split('.');
    expect(isFieldAllowed(rules, typeName, fieldName, { mode, groups })).toBe(allowed);
  });

  it('gives a Cognito default mode to fields without directives, for any user of the pool', () => {
    const cognitoDefault = authorizationRules(schema, 'AMAZON_COGNITO_USER_POOLS');
    expect(isFieldAllowed(cognitoDefault, 'Location', 'lat', { mode: USER, groups: null })).toBe(
      true,
    );
    expect(isFieldAllowed(cognitoDefault, 'Location', 'lat', { mode: KEY, groups: null })).toBe(
      false,
    );
  });

  it('computes rules for object types only, interfaces and unions having none', () => {
    expect([...rules.types.keys()].sort()).toEqual([
      'Legacy',
      'Location',
      'Mutation',
      'Post',
      'Query',
      'Thing',
    ]);
    expect(fieldRule(rules, 'Node', 'id')).toBe(rules.defaultRule);
  });

  it('reads the groups as written', () => {
    const rule = fieldRule(rules, 'Thing', 'forReaders');
    expect({ modes: [...rule.modes], groups: [...(rule.cognitoGroups ?? [])] }).toEqual({
      modes: ['AMAZON_COGNITO_USER_POOLS'],
      groups: ['readers', 'admins'],
    });
  });
});

describe("Courier's schema", () => {
  const rules = authorizationRules(loadSchema(), 'API_KEY');

  it.each<[string, AuthMode, string[] | null, boolean]>([
    ['Query.queue', KEY, null, true],
    ['Query.queue', USER, null, true],
    ['Query.queue', IAM, null, true],
    ['Mutation.createQueue', KEY, null, false],
    ['Mutation.createQueue', USER, null, false],
    ['Mutation.createQueue', USER, ['admins'], true],
    ['Mutation.createQueue', IAM, null, true],
    ['Mutation.publishQueueEvent', KEY, null, false],
    ['Mutation.publishQueueEvent', IAM, null, true],
    ['Queue.name', USER, null, true],
    ['RedriveResult.moved', KEY, null, false],
  ])('%s under %s with groups %j: %s', (coordinate, mode, groups, allowed) => {
    const [typeName = '', fieldName = ''] = coordinate.split('.');
    expect(isFieldAllowed(rules, typeName, fieldName, { mode, groups })).toBe(allowed);
  });
});

describe('the field error', () => {
  it("carries AppSync's errorType and message", () => {
    const error = new UnauthorizedFieldError('Location', 'lat');
    expect({
      message: error.message,
      errorType: error.errorType,
      errorInfo: error.errorInfo,
      data: error.data,
    }).toMatchInlineSnapshot(`
      {
        "data": null,
        "errorInfo": null,
        "errorType": "Unauthorized",
        "message": "Not Authorized to access lat on type Location",
      }
    `);
    expect(notAuthorizedMessage('Query', 'me')).toBe('Not Authorized to access me on type Query');
  });
});
