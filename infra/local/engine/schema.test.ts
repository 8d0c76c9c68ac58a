import { graphql, isScalarType, parse, type GraphQLSchema } from 'graphql';
import { readAppSyncDeclarations, readDeployableSchema } from '../../build/schema';
import { AppSyncSchemaError, appSyncScalars, buildAppSyncSchema } from './schema';
import { findScalarError } from './scalars';
import { thrown } from './scalars/test-support';

describe('buildAppSyncSchema', () => {
  let schema: GraphQLSchema;

  beforeAll(() => {
    schema = buildAppSyncSchema(readDeployableSchema());
  });

  it("builds Courier's deployable schema with its root types and AppSync's directives", () => {
    expect(schema.getQueryType()?.name).toBe('Query');
    expect(schema.getMutationType()?.name).toBe('Mutation');
    expect(schema.getSubscriptionType()?.name).toBe('Subscription');
    expect(schema.getDirective('aws_subscribe')?.args.map((arg) => arg.name)).toEqual([
      'mutations',
    ]);
    expect(schema.getDirective('aws_cognito_user_pools')?.args.map((arg) => arg.name)).toEqual([
      'cognito_groups',
    ]);
  });

  it("uses AppSync's scalar implementations, the same set schema/appsync.graphql declares", () => {
    const declared = parse(readAppSyncDeclarations())
      .definitions.flatMap((definition) =>
        definition.kind === 'ScalarTypeDefinition' ? [definition.name.value] : [],
      )
      .sort();
    expect(Object.keys(appSyncScalars).sort()).toEqual(declared);
    for (const name of declared) {
      const type = schema.getType(name);
      expect(isScalarType(type)).toBe(true);
      const implementation = appSyncScalars[name];
      // extendSchema copies named types; the copies keep the implementation's functions.
      expect(type).toMatchObject({
        name,
        description: implementation?.description,
        serialize: implementation?.serialize,
        parseValue: implementation?.parseValue,
        parseLiteral: implementation?.parseLiteral,
      });
    }
  });

  it('hands resolvers parsed AWSJSON and AWSDateTime variables and sends results back as AppSync does', async () => {
    const seen: unknown[] = [];
    const result = await graphql({
      schema,
      source: `mutation Send($input: SendMessageInput!, $at: AWSDateTime!) {
        sendMessage(input: $input) { id attributes sentAt }
        publishQueueEvent(input: { queue: "orders", kind: QUEUE_PURGED, occurredAt: $at }) { occurredAt }
      }`,
      variableValues: {
        input: { queue: 'orders', body: 'hi', attributes: '{"priority":1,"tags":["a"]}' },
        at: '2024-03-01T12:30:00.5+01:00',
      },
      rootValue: {
        sendMessage: (args: { input: { attributes: unknown } }) => {
          seen.push(args.input.attributes);
          return {
            id: 'm-1',
            attributes: args.input.attributes,
            sentAt: '2024-03-01T11:30:00.500Z',
          };
        },
        publishQueueEvent: (args: { input: { occurredAt: unknown } }) => {
          seen.push(args.input.occurredAt);
          return { occurredAt: args.input.occurredAt };
        },
      },
    });
    expect(result.errors).toBeUndefined();
    expect(seen).toEqual([{ priority: 1, tags: ['a'] }, '2024-03-01T12:30:00.5+01:00']);
    expect(result.data).toEqual({
      sendMessage: {
        id: 'm-1',
        attributes: '{"priority":1,"tags":["a"]}',
        sentAt: '2024-03-01T11:30:00.500Z',
      },
      publishQueueEvent: { occurredAt: '2024-03-01T12:30:00.5+01:00' },
    });
  });

  it('refuses invalid variables and literals before any resolver runs', async () => {
    let called = false;
    const rootValue = {
      publishQueueEvent: () => {
        called = true;
        return null;
      },
    };
    const variable = await graphql({
      schema,
      source: `mutation ($at: AWSDateTime!) {
        publishQueueEvent(input: { queue: "q", kind: QUEUE_PURGED, occurredAt: $at }) { queue }
      }`,
      variableValues: { at: '2024-03-01T12:30+0100' },
      rootValue,
    });
    const literal = await graphql({
      schema,
      source: `mutation {
        sendMessage(input: { queue: "q", body: "b", attributes: "{priority: 1}" }) { id }
      }`,
      rootValue,
    });
    expect(called).toBe(false);
    expect(variable.errors?.map((error) => error.message)).toMatchInlineSnapshot(`
[
  "Variable "$at" got invalid value "2024-03-01T12:30+0100"; Expected type "AWSDateTime". Unable to parse \`2024-03-01T12:30+0100\` as a valid AWSDateTime: the zone offset needs a colon (+01:00, not +0100); expected an ISO 8601 date-time YYYY-MM-DDThh:mm[:ss[.fffffffff]] followed by a compulsory zone offset Z, ±hh:mm or ±hh:mm:ss.",
]
`);
    expect(literal.errors?.map((error) => error.message)).toMatchInlineSnapshot(`
[
  "Expected value of type "AWSJSON", found "{priority: 1}"; Unable to parse \`{priority: 1}\` as a valid AWSJSON: not valid JSON (Expected property name or '}' in JSON at position 1); expected a string holding a JSON document (RFC 8259), such as "{\\"a\\":1}".",
]
`);
    expect(findScalarError(variable.errors?.[0])?.scalar).toBe('AWSDateTime');
    expect(findScalarError(literal.errors?.[0])?.scalar).toBe('AWSJSON');
  });

  it('fails the field whose resolver returns a value the scalar cannot represent', async () => {
    const result = await graphql({
      schema,
      source: '{ queue(name: "q") { name createdAt } }',
      rootValue: { queue: () => ({ name: 'q', createdAt: '2024-03-01 12:30:00' }) },
    });
    expect(result.data).toEqual({ queue: null });
    expect(result.errors?.map((error) => [error.path, error.message])).toMatchInlineSnapshot(`
[
  [
    [
      "queue",
      "createdAt",
    ],
    "Unable to serialize \`2024-03-01 12:30:00\` as a valid AWSDateTime: unexpected " 12:30:00" at character 11; expected an ISO 8601 date-time YYYY-MM-DDThh:mm[:ss[.fffffffff]] followed by a compulsory zone offset Z, ±hh:mm or ±hh:mm:ss.",
  ],
]
`);
    expect(findScalarError(result.errors?.[0])?.direction).toBe('output');
  });

  it('takes the conventional root types when the SDL has no schema block', () => {
    const small = buildAppSyncSchema(
      'type Query { now: AWSDateTime }  type Mutation { set(at: AWSTimestamp): Int }',
    );
    expect(small.getQueryType()?.name).toBe('Query');
    expect(small.getMutationType()?.name).toBe('Mutation');
    expect(small.getType('AWSTimestamp')).toMatchObject({
      serialize: appSyncScalars['AWSTimestamp']?.serialize,
    });
  });

  const refused: [string, string][] = [
    ['a custom scalar', 'scalar Long\ntype Query { n: Long }'],
    ['a custom scalar extension', 'type Query { n: Int }\nextend scalar AWSDate @deprecated'],
    ['a redeclared AppSync scalar', 'scalar AWSDateTime\ntype Query { at: AWSDateTime }'],
    ['a type with the AWS prefix', 'type Query { a: AWSThing }\ntype AWSThing { id: ID }'],
    [
      'an input with the AWS prefix',
      'type Query { a(i: AWSInput): Int }\ninput AWSInput { id: ID }',
    ],
  ];

  it.each(refused)('refuses %s, as AppSync does', (_what, sdl) => {
    expect(() => buildAppSyncSchema(sdl)).toThrow(AppSyncSchemaError);
  });

  it('names what it refuses and why', () => {
    expect(
      Object.fromEntries(
        refused.map(([what, sdl]) => [what, thrown(() => buildAppSyncSchema(sdl))]),
      ),
    ).toMatchInlineSnapshot(`
{
  "a custom scalar": "The schema declares the custom scalar Long (line 1), but AppSync supports no user-defined scalars: use a built-in scalar (ID, String, Int, Float, Boolean) or an AppSync scalar (AWSDate, AWSTime, AWSDateTime, AWSTimestamp, AWSEmail, AWSJSON, AWSURL, AWSPhone, AWSIPAddress).",
  "a custom scalar extension": "The schema extends scalar AWSDate (line 2), but AppSync takes no scalar definitions or extensions from a schema: remove the extension.",
  "a redeclared AppSync scalar": "The schema declares scalar AWSDateTime (line 1), which AppSync provides itself and does not let a schema redeclare: remove the declaration.",
  "a type with the AWS prefix": "The schema defines type AWSThing (line 2), but AppSync reserves the AWS prefix for its own types: rename it.",
  "an input with the AWS prefix": "The schema defines type AWSInput (line 2), but AppSync reserves the AWS prefix for its own types: rename it.",
}
`);
  });

  it.each([
    ['SDL that does not parse', 'type Query {'],
    ['an unknown type', 'type Query { a: Long }'],
    ['no query type', 'type Mutation { a: Int }'],
  ])('reports %s as an invalid schema', (_what, sdl) => {
    expect(() => buildAppSyncSchema(sdl)).toThrow(
      expect.objectContaining({ name: 'AppSyncSchemaError', code: 'InvalidSchema' }),
    );
  });
});
