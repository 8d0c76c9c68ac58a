import { graphql, GraphQLError, GraphQLObjectType, GraphQLSchema } from 'graphql';
import { AWSDateTime } from './aws-date-time';
import { AppSyncScalarError, findScalarError, showValue } from './errors';

describe('AppSyncScalarError', () => {
  it('keeps the scalar, the value, the expectation and the direction', () => {
    const error = new AppSyncScalarError('AWSDate', 'x', 'a date', 'input', 'too short');
    expect(error).toMatchObject({
      name: 'AppSyncScalarError',
      code: 'InvalidScalarValue',
      scalar: 'AWSDate',
      value: 'x',
      expected: 'a date',
      direction: 'input',
      detail: 'too short',
    });
    expect(error.message).toMatchInlineSnapshot(
      `"Unable to parse \`x\` as a valid AWSDate: too short; expected a date."`,
    );
  });

  it.each([
    ['a string, in backticks as AppSync shows it', 'text', '`text`'],
    ['a number', 12.5, '12.5'],
    ['an object, as JSON', { a: [1] }, '{"a":[1]}'],
    ['undefined', undefined, 'undefined'],
  ])('shows %s', (_what, value, shown) => {
    expect(showValue(value)).toBe(shown);
  });

  it('shortens long values', () => {
    expect(showValue('x'.repeat(500))).toHaveLength(201);
  });

  it('is found behind the errors graphql-js wraps it in, for variables, literals and results', async () => {
    const schema = new GraphQLSchema({
      query: new GraphQLObjectType({
        name: 'Query',
        fields: {
          at: { type: AWSDateTime, args: { x: { type: AWSDateTime } }, resolve: () => 'bad' },
        },
      }),
    });
    const firstError = async (source: string, variableValues?: Record<string, unknown>) =>
      (await graphql({ schema, source, variableValues })).errors?.[0];
    const variable = await firstError('query ($x: AWSDateTime) { at(x: $x) }', { x: 'bad' });
    const literal = await firstError('{ at(x: "bad") }');
    const result = await firstError('{ at }');
    for (const error of [variable, literal, result]) {
      expect(error).toBeInstanceOf(GraphQLError);
      expect(findScalarError(error)).toBeInstanceOf(AppSyncScalarError);
    }
    expect(findScalarError(variable)?.direction).toBe('input');
    expect(findScalarError(result)?.direction).toBe('output');
    expect(findScalarError(new Error('other'))).toBeUndefined();
  });
});
