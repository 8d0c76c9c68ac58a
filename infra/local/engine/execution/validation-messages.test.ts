import { parse, validate } from 'graphql';
import { buildAppSyncSchema } from '../schema';
import { appSyncValidationErrors, appSyncValidationMessage } from './validation-messages';

const schema = buildAppSyncSchema(/* GraphQL */ `
  enum Priority {
    LOW
    HIGH
  }
  input NestedInput {
    name: String!
    at: AWSDateTime
  }
  input MessageInput {
    queue: String!
    body: String!
    priority: Priority
    attributes: AWSJSON
    tags: [String!]
    nested: NestedInput
  }
  type Queue {
    name: String!
    messages(limit: Int): [Message]
  }
  type Message {
    id: ID!
    body: String
    queue: Queue
  }
  type Query {
    getMessage(id: ID!): Message
    listMessages(queue: String!, limit: Int): [Message!]!
    echo(message: String): String
    ping: String
  }
  type Mutation {
    sendMessage(input: MessageInput!): Message
  }
  type Subscription {
    onMessage(queue: String): Message @aws_subscribe(mutations: ["sendMessage"])
  }
`);

function appSync(query: string) {
  const document = parse(query);
  const errors = validate(schema, document);
  expect(errors.length).toBeGreaterThan(0);
  return appSyncValidationErrors(errors, document, schema);
}

const messagesOf = (query: string) => appSync(query).map((error) => error.message);

const send = (input: string) => `mutation { sendMessage(input: ${input}) { id } }`;

describe('graphql-js validation errors in AppSync (graphql-java) words', () => {
  it.each([
    // Seen from AppSync (graphql/graphql-over-http#81, amplify-cli#5339, amplify-js#4853).
    [
      'an unknown root field',
      '{ nope }',
      "FieldUndefined: Field 'nope' in type 'Query' is undefined @ 'nope'",
    ],
    [
      'an unknown nested field, by field name not alias',
      '{ m: getMessage(id: "1") { q: queue { nope } } }',
      "FieldUndefined: Field 'nope' in type 'Queue' is undefined @ 'getMessage/queue/nope'",
    ],
    [
      'an unknown field in a fragment, from the fragment',
      '{ getMessage(id: "1") { ...F } } fragment F on Message { queue { nope } }',
      "FieldUndefined: Field 'nope' in type 'Queue' is undefined @ 'queue/nope'",
    ],
    // amplify-flutter#3388.
    [
      'an unknown argument',
      '{ echo(message: "x", loud: true) }',
      "UnknownArgument: Unknown field argument loud @ 'echo'",
    ],
    // amplify-swift#854.
    [
      'a missing argument',
      '{ getMessage { id } }',
      "MissingFieldArgument: Missing field argument id @ 'getMessage'",
    ],
    [
      'a string for an Int',
      '{ listMessages(queue: "q", limit: "ten") { id } }',
      "WrongType: argument 'limit' with value 'StringValue{value='ten'}' is not a valid 'Int' @ 'listMessages'",
    ],
    [
      'a float for an Int, printed as Java prints a BigDecimal',
      '{ listMessages(queue: "q", limit: 1e3) { id } }',
      "WrongType: argument 'limit' with value 'FloatValue{value=1E+3}' is not a valid 'Int' @ 'listMessages'",
    ],
    [
      'an unknown enum value',
      send('{ queue: "q", body: "b", priority: URGENT }'),
      "WrongType: argument 'input.priority' with value 'EnumValue{name='URGENT'}' is not a valid 'Priority' @ 'sendMessage'",
    ],
    [
      'a string for an enum',
      send('{ queue: "q", body: "b", priority: "LOW" }'),
      "WrongType: argument 'input.priority' with value 'StringValue{value='LOW'}' is not a valid 'Priority' @ 'sendMessage'",
    ],
    // awslabs/aws-mobile-appsync-sdk-js#554.
    [
      'an object literal for AWSJSON',
      send('{ queue: "q", body: "b", attributes: { upvotes: 10 } }'),
      "WrongType: argument 'input.attributes' with value 'ObjectValue{objectFields=[ObjectField{name='upvotes', value=IntValue{value=10}}]}' is not a valid 'AWSJSON' @ 'sendMessage'",
    ],
    [
      'an AWSDateTime without the colon in its offset',
      send('{ queue: "q", body: "b", nested: { name: "n", at: "2024-03-01T12:30+0100" } }'),
      "WrongType: argument 'input.nested.at' with value 'StringValue{value='2024-03-01T12:30+0100'}' is not a valid 'AWSDateTime' @ 'sendMessage'",
    ],
    // aws/aws-appsync-community#273.
    [
      'a missing input field',
      send('{ queue: "q" }'),
      "WrongType: argument 'input' with value 'ObjectValue{objectFields=[ObjectField{name='queue', value=StringValue{value='q'}}]}' is missing required fields '[body]' @ 'sendMessage'",
    ],
    [
      'missing input fields, in Java HashSet order',
      send('{ tags: [] }'),
      "WrongType: argument 'input' with value 'ObjectValue{objectFields=[ObjectField{name='tags', value=ArrayValue{values=[]}}]}' is missing required fields '[body, queue]' @ 'sendMessage'",
    ],
    [
      'an input field the type does not have',
      send('{ queue: "q", body: "b", colour: "red" }'),
      "WrongType: argument 'input' with value 'ObjectValue{objectFields=[ObjectField{name='queue', value=StringValue{value='q'}}, ObjectField{name='body', value=StringValue{value='b'}}, ObjectField{name='colour', value=StringValue{value='red'}}]}' contains a field not in 'MessageInput': 'colour' @ 'sendMessage'",
    ],
    [
      'null for a non-null argument',
      '{ getMessage(id: null) { id } }',
      "WrongType: argument 'id' with value 'NullValue{}' must not be null @ 'getMessage'",
    ],
    [
      'a wrong list item',
      send('{ queue: "q", body: "b", tags: ["a", 2] }'),
      "WrongType: argument 'input.tags[1]' with value 'IntValue{value=2}' is not a valid 'String' @ 'sendMessage'",
    ],
    [
      'a scalar for an input object',
      send('"x"'),
      "WrongType: argument 'input' with value 'StringValue{value='x'}' must be an object type @ 'sendMessage'",
    ],
    [
      'a bad variable default',
      'query ($l: Int = "x") { listMessages(queue: "q", limit: $l) { id } }',
      "BadValueForDefaultArg: Bad default value StringValue{value='x'} for type Int",
    ],
    // apollographql/graphql-tag#652 (an AppSync API).
    [
      'a variable of the wrong type',
      'query ($id: String!) { getMessage(id: $id) { id } }',
      "VariableTypeMismatch: Variable type 'String!' doesn't match expected type 'ID!' @ 'getMessage'",
    ],
    [
      'a variable of the wrong type with a default, as its effective type',
      'query ($q: Int = 1) { listMessages(queue: $q) { id } }',
      "VariableTypeMismatch: Variable type 'Int!' doesn't match expected type 'String!' @ 'listMessages'",
    ],
    [
      'an undefined variable',
      'query Q { getMessage(id: $id) { id } }',
      "UndefinedVariable: Undefined variable id @ 'getMessage'",
    ],
    [
      'an undefined variable in a fragment, from the operation through the spread',
      'query Q { getMessage(id: "1") { ...F } } fragment F on Message { queue { messages(limit: $n) { id } } }',
      "UndefinedVariable: Undefined variable n @ 'getMessage/queue/messages'",
    ],
    // A public Amplify project's note of an AppSync answer.
    [
      'an unused variable',
      'query ($nextToken: String) { ping }',
      'UnusedVariable: Unused variable nextToken',
    ],
    // aws-amplify/learn#417.
    [
      'an unknown variable type',
      'query ($t: AWSTimestampz) { echo(message: $t) }',
      'UnknownType: Unknown type AWSTimestampz',
    ],
    [
      'an unknown type condition',
      '{ getMessage(id: "1") { ... on Nope { id } } }',
      "UnknownType: Unknown type Nope @ 'getMessage'",
    ],
    // amplify-android#702, amplify-category-api#2096.
    [
      'an object field without a selection',
      '{ listMessages(queue: "q") }',
      "SubSelectionRequired: Sub selection required for type Message of field listMessages @ 'listMessages'",
    ],
    // amplify-cli#1296.
    [
      'a selection on a leaf',
      '{ echo(message: "x") { length } }',
      "SubSelectionNotAllowed: Sub selection not allowed on leaf type String of field echo @ 'echo'",
    ],
    [
      'a named operation after an anonymous one',
      '{ ping } query Named { ping }',
      'LoneAnonymousOperationViolation: Operation Named is following anonymous operation.',
    ],
    [
      'an anonymous operation after a named one',
      'query Named { ping } { ping }',
      'LoneAnonymousOperationViolation: Anonymous operation with other operations.',
    ],
    [
      'two operations with one name',
      'query A { ping } query A { echo }',
      "DuplicateOperationName: There can be only one operation named 'A'",
    ],
    [
      'an unknown fragment',
      '{ getMessage(id: "1") { ...Nope } }',
      "UndefinedFragment: Undefined fragment Nope @ 'getMessage'",
    ],
    [
      'an unused fragment',
      '{ ping } fragment F on Message { id }',
      'UnusedFragment: Unused fragment F',
    ],
    [
      'a type definition',
      '{ ping } type Extra { a: String }',
      'NonExecutableDefinition: The Extra definition is not executable.',
    ],
    [
      'a schema definition',
      '{ ping } schema { query: Query }',
      'NonExecutableDefinition: The schema definition is not executable.',
    ],
    ['an unknown directive', '{ ping @nope }', "UnknownDirective: Unknown directive nope @ 'ping'"],
    [
      'a misplaced directive',
      'query @skip(if: true) { ping }',
      'MisplacedDirective: Directive skip not allowed here',
    ],
    [
      'a missing directive argument',
      '{ ping @include }',
      "MissingDirectiveArgument: Missing directive argument if @ 'ping'",
    ],
    [
      'a repeated directive',
      '{ ping @skip(if: false) @skip(if: false) }',
      "DuplicateDirectiveName: Directives must be uniquely named within a location. The directive 'skip' used on a 'Field' is not unique. @ 'ping'",
    ],
    [
      'a spread of a fragment that cannot apply',
      '{ getMessage(id: "1") { ...Q } } fragment Q on Queue { name }',
      "InvalidFragmentType: Fragment Q cannot be spread here as objects of type Message can never be of type Queue @ 'getMessage'",
    ],
  ])('words %s', (_name, query, expected) => {
    expect(messagesOf(query)).toEqual([`Validation error of type ${expected}`]);
  });

  it('keeps graphql-js wording for rules graphql-java does not have', () => {
    expect(messagesOf('{ echo(message: "a", message: "b") }')).toMatchInlineSnapshot(`
[
  "There can be only one argument named "message".",
]
`);
  });

  it('reports one WrongType per argument, for the first wrong value, at the argument', () => {
    const [error, ...rest] = appSync(
      'mutation {\n  sendMessage(input: { queue: 1, body: 2 }) { id }\n}',
    );
    expect(rest).toEqual([]);
    expect(error?.message).toMatchInlineSnapshot(
      `"Validation error of type WrongType: argument 'input.queue' with value 'IntValue{value=1}' is not a valid 'String' @ 'sendMessage'"`,
    );
    expect(error?.locations).toEqual([{ line: 2, column: 15 }]);
  });

  it('points at the field for a selection on a leaf, and the usage for a variable mismatch', () => {
    const [leaf] = appSync('{\n  echo(message: "x") { length }\n}');
    expect(leaf?.locations).toEqual([{ line: 2, column: 3 }]);
    const [mismatch] = appSync('query ($id: String!) {\n  getMessage(id: $id) { id }\n}');
    expect(mismatch?.locations).toEqual([{ line: 2, column: 18 }]);
  });

  it('counts anonymous operations as graphql-java does', () => {
    expect(messagesOf('{ ping } { echo }')).toEqual([
      'Validation error of type LoneAnonymousOperationViolation: Anonymous operation with other operations.',
    ]);
  });

  it('words a single error without the others', () => {
    const document = parse('{ nope }');
    const [error] = validate(schema, document);
    expect(error && appSyncValidationMessage(error, document, schema)).toBe(
      "Validation error of type FieldUndefined: Field 'nope' in type 'Query' is undefined @ 'nope'",
    );
  });
});
