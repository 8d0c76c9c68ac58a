import { AWSJSON } from './aws-json';
import { AppSyncScalarError } from './errors';
import { driver, messages, quoted, thrown } from './test-support';

const json = driver(AWSJSON);

describe('AWSJSON', () => {
  // AppSync's scalar description: maps, lists and scalar values are accepted and reach resolvers
  // parsed; "{a: 1}", "{'a': 1}" and "Unquoted string" fail validation.
  const documents: [string, unknown][] = [
    ['{"upvotes": 10}', { upvotes: 10 }],
    ['[1,2,3]', [1, 2, 3]],
    ['"AWSJSON example string"', 'AWSJSON example string'],
    ['1', 1],
    ['true', true],
    ['null', null],
    [
      ' {"nested": {"list": [{"a": "b"}], "n": -1.5e3}} ',
      { nested: { list: [{ a: 'b' }], n: -1500 } },
    ],
  ];

  it.each(documents)(
    'gives resolvers the value %s encodes, from a variable and a literal',
    (text, value) => {
      expect(json.variable(text)).toEqual(value);
      expect(json.literal(quoted(text))).toEqual(value);
    },
  );

  it('reads a block-string literal', () => {
    expect(json.literal('"""{"a": [1, "two"]}"""')).toEqual({ a: [1, 'two'] });
  });

  const invalid = [
    '{a: 1}',
    "{'a': 1}",
    'Unquoted string',
    '',
    '{"a":1,}',
    '[1, 2',
    'NaN',
    '{"a":1} x',
  ];

  it.each(invalid)('refuses the text %p, as a variable and a literal', (text) => {
    expect(() => json.variable(text)).toThrow(AppSyncScalarError);
    expect(() => json.literal(quoted(text))).toThrow(AppSyncScalarError);
  });

  it('says what was received, why it fails and what is expected', () => {
    expect(messages(invalid, json.variable)).toMatchInlineSnapshot(`
{
  "": "Unable to parse \`\` as a valid AWSJSON: not valid JSON (Unexpected end of JSON input); expected a string holding a JSON document (RFC 8259), such as "{\\"a\\":1}".",
  "NaN": "Unable to parse \`NaN\` as a valid AWSJSON: not valid JSON ("NaN" is not valid JSON); expected a string holding a JSON document (RFC 8259), such as "{\\"a\\":1}".",
  "Unquoted string": "Unable to parse \`Unquoted string\` as a valid AWSJSON: not valid JSON (Unexpected token 'U', "Unquoted string" is not valid JSON); expected a string holding a JSON document (RFC 8259), such as "{\\"a\\":1}".",
  "[1, 2": "Unable to parse \`[1, 2\` as a valid AWSJSON: not valid JSON (Expected ',' or ']' after array element in JSON at position 5); expected a string holding a JSON document (RFC 8259), such as "{\\"a\\":1}".",
  "{"a":1,}": "Unable to parse \`{"a":1,}\` as a valid AWSJSON: not valid JSON (Expected double-quoted property name in JSON at position 7); expected a string holding a JSON document (RFC 8259), such as "{\\"a\\":1}".",
  "{"a":1} x": "Unable to parse \`{"a":1} x\` as a valid AWSJSON: not valid JSON (Unexpected non-whitespace character after JSON at position 8); expected a string holding a JSON document (RFC 8259), such as "{\\"a\\":1}".",
  "{'a': 1}": "Unable to parse \`{'a': 1}\` as a valid AWSJSON: not valid JSON (Expected property name or '}' in JSON at position 1); expected a string holding a JSON document (RFC 8259), such as "{\\"a\\":1}".",
  "{a: 1}": "Unable to parse \`{a: 1}\` as a valid AWSJSON: not valid JSON (Expected property name or '}' in JSON at position 1); expected a string holding a JSON document (RFC 8259), such as "{\\"a\\":1}".",
}
`);
  });

  it('refuses variables that are not strings: the wire value is JSON text', () => {
    expect(messages([{ upvotes: 10 }, [1, 2], 1, true], json.variable)).toMatchInlineSnapshot(`
{
  "1": "Unable to parse 1 as a valid AWSJSON: the variable is not a string (send JSON.stringify(value)); expected a string holding a JSON document (RFC 8259), such as "{\\"a\\":1}".",
  "[1,2]": "Unable to parse [1,2] as a valid AWSJSON: the variable is not a string (send JSON.stringify(value)); expected a string holding a JSON document (RFC 8259), such as "{\\"a\\":1}".",
  "true": "Unable to parse true as a valid AWSJSON: the variable is not a string (send JSON.stringify(value)); expected a string holding a JSON document (RFC 8259), such as "{\\"a\\":1}".",
  "{"upvotes":10}": "Unable to parse {"upvotes":10} as a valid AWSJSON: the variable is not a string (send JSON.stringify(value)); expected a string holding a JSON document (RFC 8259), such as "{\\"a\\":1}".",
}
`);
  });

  it('refuses literals that are not strings, as AppSync does', () => {
    // AppSync: "Validation error of type WrongType: argument 'data' with value
    // 'ObjectValue{...}' is not a valid 'AWSJSON'" (awslabs/aws-mobile-appsync-sdk-js#554).
    expect(messages(['{upvotes: 10}', '[1, 2]', '10', 'true'], json.literal))
      .toMatchInlineSnapshot(`
{
  "10": "Unable to parse 10 as a valid AWSJSON: the literal is not a string (write the JSON inside quotes); expected a string holding a JSON document (RFC 8259), such as "{\\"a\\":1}".",
  "[1, 2]": "Unable to parse [1, 2] as a valid AWSJSON: the literal is not a string (write the JSON inside quotes); expected a string holding a JSON document (RFC 8259), such as "{\\"a\\":1}".",
  "true": "Unable to parse true as a valid AWSJSON: the literal is not a string (write the JSON inside quotes); expected a string holding a JSON document (RFC 8259), such as "{\\"a\\":1}".",
  "{upvotes: 10}": "Unable to parse {upvotes: 10} as a valid AWSJSON: the literal is not a string (write the JSON inside quotes); expected a string holding a JSON document (RFC 8259), such as "{\\"a\\":1}".",
}
`);
  });

  const results: [unknown, string][] = [
    [{ statusCode: 200, body: 'Hello' }, '{"statusCode":200,"body":"Hello"}'],
    [[1, { a: null }], '[1,{"a":null}]'],
    [42, '42'],
    [false, 'false'],
    // A string is JSON-encoded like any other value, so a client's JSON.parse gives it back.
    ['hello', '"hello"'],
    ['{"a":1}', '"{\\"a\\":1}"'],
  ];

  it.each(results)('sends the resolver result %p as the JSON text %s', (value, text) => {
    expect(json.result(value)).toBe(text);
    expect(JSON.parse(text)).toEqual(value);
  });

  it('refuses a result JSON cannot represent', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    expect(() => json.result(cyclic)).toThrow(AppSyncScalarError);
    expect(thrown(() => json.result(() => 1))).toMatchInlineSnapshot(
      `"Unable to serialize () => 1 as a valid AWSJSON: a function has no JSON form; expected a value that JSON can represent."`,
    );
    expect(thrown(() => json.result(10n))).toMatchInlineSnapshot(
      `"Unable to serialize 10 as a valid AWSJSON: Do not know how to serialize a BigInt; expected a value that JSON can represent."`,
    );
  });
});
