import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { AppSyncScalarError, type ScalarDirection } from './errors';

/** Why a string is not a value of the scalar: `undefined` when it is one, `''` for "wrong format". */
export type StringCheck = (text: string) => string | undefined;

export interface StringScalarSpec {
  readonly name: string;
  readonly description: string;
  /** What the scalar accepts, as a phrase for error messages. */
  readonly expected: string;
  /** Returns a reason when the text is invalid; throws nothing. */
  readonly check: StringCheck;
}

const NOT_TEXT = 'the value is not a string';
const EMPTY = 'the value is empty';

/**
 * An AppSync scalar carried as text (dates, email, phone, URL, IP address): the same check on the
 * way in (variables and literals) and on the way out (resolver results). Valid text reaches
 * resolvers and clients as written: Courier normalises nothing (no AppSync source says it does).
 */
export function defineStringScalar(spec: StringScalarSpec): GraphQLScalarType<string, string> {
  const accept = (value: unknown, direction: ScalarDirection): string => {
    if (typeof value !== 'string') {
      throw new AppSyncScalarError(spec.name, value, spec.expected, direction, NOT_TEXT);
    }
    const reason = value === '' ? EMPTY : spec.check(value);
    if (typeof reason === 'string') {
      throw new AppSyncScalarError(
        spec.name,
        value,
        spec.expected,
        direction,
        reason === '' ? undefined : reason,
      );
    }
    return value;
  };
  return new GraphQLScalarType<string, string>({
    name: spec.name,
    description: spec.description,
    serialize: (value) => accept(value, 'output'),
    parseValue: (value) => accept(value, 'input'),
    parseLiteral: (node: ValueNode) => {
      if (node.kind !== Kind.STRING) {
        throw new AppSyncScalarError(spec.name, node, spec.expected, 'input', NOT_TEXT);
      }
      return accept(node.value, 'input');
    },
  });
}
