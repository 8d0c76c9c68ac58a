import {
  GraphQLError,
  Kind,
  TypeInfo,
  isEnumType,
  isListType,
  isNonNullType,
  isScalarType,
  print,
  visit,
  visitWithTypeInfo,
  type ASTNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
  type VariableDefinitionNode,
} from 'graphql';

/*
 * AppSync validates documents with graphql-java and answers in its words:
 * "Validation error of type <ValidationErrorType>: <description>[ @ '<field/path>']". The texts
 * below are graphql-java's templates from before 14.0 (AppSync's WrongType messages have no
 * " - reason" tail, which 14.0 added); docs/engine-semantics.md lists which ones were seen from
 * AppSync itself. The path is the field names (not aliases) from the operation, or from the
 * fragment definition, down to the offending node; nothing when the node is outside any field.
 */

/**
 * graphql-js's validation errors reworded as AppSync's, one per error graphql-java would report:
 * a wrong literal gives one WrongType per argument however many nodes graphql-js flagged, and the
 * anonymous-operation rule follows graphql-java's counting. Each error points at the node
 * graphql-java points at; errors of rules graphql-java lacks keep graphql-js's text.
 */
export function appSyncValidationErrors(
  errors: readonly GraphQLError[],
  document: DocumentNode,
  schema: GraphQLSchema,
): GraphQLError[] {
  const context = new DocumentContext(document, schema);
  const seen = new Set<unknown>();
  const result: GraphQLError[] = [];
  for (const error of errors) {
    const translated = translate(error, context);
    if (translated.once !== undefined) {
      if (seen.has(translated.once)) {
        continue;
      }
      seen.add(translated.once);
    }
    for (const entry of translated.entries) {
      result.push(
        new GraphQLError(entry.message, {
          nodes: entry.nodes ?? error.nodes ?? null,
          originalError: error,
        }),
      );
    }
  }
  return result;
}

/** One graphql-js validation error's message in AppSync's words (graphql-js's when unmapped). */
export function appSyncValidationMessage(
  error: GraphQLError,
  document: DocumentNode,
  schema: GraphQLSchema,
): string {
  const [first] = translate(error, new DocumentContext(document, schema)).entries;
  return first?.message ?? error.message;
}

interface Entry {
  readonly message: string;
  /** The node(s) graphql-java reports; graphql-js's when undefined. */
  readonly nodes?: readonly ASTNode[];
}

interface Translation {
  readonly entries: readonly Entry[];
  /** Errors sharing this key collapse into the first (graphql-java reports them once). */
  readonly once?: unknown;
}

type Rule = (match: RegExpExecArray, error: GraphQLError, context: DocumentContext) => Translation;

/** graphql-js 16's message patterns (validation/rules/*.js) and graphql-java's wording for each. */
const RULES: readonly (readonly [RegExp, Rule])[] = [
  [
    /^Cannot query field "(.+?)" on type "(.+?)"\./,
    ([, field, type], error, context) =>
      at(context, 'FieldUndefined', `Field '${field}' in type '${type}' is undefined`, node(error)),
  ],
  [
    /^Unknown argument "(.+?)" on field ".+?"\./,
    ([, name], error, context) =>
      at(context, 'UnknownArgument', `Unknown field argument ${name}`, node(error)),
  ],
  [
    /^Unknown argument "(.+?)" on directive "@.+?"\./,
    ([, name], error, context) =>
      at(context, 'UnknownDirective', `Unknown directive argument ${name}`, node(error)),
  ],
  [
    /^Field ".+?" argument "(.+?)" of type ".+?" is required, but it was not provided\.$/,
    ([, name], error, context) =>
      at(context, 'MissingFieldArgument', `Missing field argument ${name}`, node(error)),
  ],
  [
    /^Directive "@.+?" argument "(.+?)" of type ".+?" is required, but it was not provided\.$/,
    ([, name], error, context) =>
      at(context, 'MissingDirectiveArgument', `Missing directive argument ${name}`, node(error)),
  ],
  [
    /^Variable "\$(.+?)" of type "(.+?)" used in position expecting type "(.+?)"\.$/,
    ([, , , expected], error, context) => variableTypeMismatch(error, context, expected ?? ''),
  ],
  [
    /^Variable "\$(.+?)" is not defined(?: by operation ".+?")?\.$/,
    ([, name], error, context) => {
      const [usage, operation] = error.nodes ?? [];
      return at(context, 'UndefinedVariable', `Undefined variable ${name}`, usage, operation);
    },
  ],
  [
    /^Variable "\$(.+?)" is never used(?: in operation ".+?")?\.$/,
    ([, name], error, context) =>
      at(context, 'UnusedVariable', `Unused variable ${name}`, node(error)),
  ],
  [
    /^Unknown type "(.+?)"\./,
    ([, name], error, context) => at(context, 'UnknownType', `Unknown type ${name}`, node(error)),
  ],
  [
    /^Field "(.+?)" must not have a selection since type "(.+?)" has no subfields\.$/,
    ([, field, type], error, context) =>
      at(
        context,
        'SubSelectionNotAllowed',
        `Sub selection not allowed on leaf type ${namedType(type)} of field ${field}`,
        context.parentOf(node(error)),
      ),
  ],
  [
    /^Field "(.+?)" of type "(.+?)" must have a selection of subfields\./,
    ([, field, type], error, context) =>
      at(
        context,
        'SubSelectionRequired',
        `Sub selection required for type ${namedType(type)} of field ${field}`,
        node(error),
      ),
  ],
  [/^This anonymous operation must be the only defined operation\.$/, loneAnonymousOperation],
  [
    /^There can be only one operation named "(.+?)"\.$/,
    ([, name], error, context) =>
      at(
        context,
        'DuplicateOperationName',
        `There can be only one operation named '${name}'`,
        context.parentOf(error.nodes?.[1]),
      ),
  ],
  [
    /^Unknown fragment "(.+?)"\.$/,
    ([, name], error, context) =>
      at(context, 'UndefinedFragment', `Undefined fragment ${name}`, context.parentOf(node(error))),
  ],
  [
    /^Fragment "(.+?)" is never used\.$/,
    ([, name], error, context) =>
      at(context, 'UnusedFragment', `Unused fragment ${name}`, node(error)),
  ],
  [
    /^The .+ definition is not executable\.$/,
    (_match, error, context) =>
      at(
        context,
        'NonExecutableDefinition',
        `The ${definitionName(node(error))} definition is not executable.`,
        node(error),
      ),
  ],
  [
    /^Unknown directive "@(.+?)"\.$/,
    ([, name], error, context) =>
      at(context, 'UnknownDirective', `Unknown directive ${name}`, node(error)),
  ],
  [
    /^Directive "@(.+?)" may not be used on .+\.$/,
    ([, name], error, context) =>
      at(context, 'MisplacedDirective', `Directive ${name} not allowed here`, node(error)),
  ],
  [
    /^The directive "@(.+?)" can only be used once at this location\.$/,
    ([, name], error, context) => {
      const directive = error.nodes?.[1];
      const holder = context.parentOf(directive);
      return at(
        context,
        'DuplicateDirectiveName',
        `Directives must be uniquely named within a location. The directive '${name}' used on a '${JAVA_NODE_NAMES[holder?.kind ?? ''] ?? holder?.kind}' is not unique.`,
        directive,
      );
    },
  ],
  [
    /^Fragment cannot condition on non composite type ".+?"\.$/,
    (_match, error, context) =>
      at(
        context,
        'InlineFragmentTypeConditionInvalid',
        'Inline fragment type condition is invalid, must be on Object/Interface/Union',
        context.parentOf(node(error)),
      ),
  ],
  [
    /^Fragment ".+?" cannot condition on non composite type ".+?"\.$/,
    (_match, error, context) =>
      at(
        context,
        'FragmentTypeConditionInvalid',
        'Fragment type condition is invalid, must be on Object/Interface/Union',
        context.parentOf(node(error)),
      ),
  ],
  [
    /^Fragment (?:"(.+?)" )?cannot be spread here as objects of type "(.+?)" can never be of type "(.+?)"\.$/,
    ([, name, parent, type], error, context) =>
      at(
        context,
        'InvalidFragmentType',
        `Fragment ${name === undefined ? '' : `${name} `}cannot be spread here as objects of type ${parent} can never be of type ${type}`,
        node(error),
      ),
  ],
  [
    /^Cannot spread fragment ".+?" within itself/,
    // graphql-java checks cycles at the fragment definition, outside any field: no path.
    () => ({ entries: [{ message: appSyncText('FragmentCycle', 'Fragment cycles not allowed') }] }),
  ],
  [
    /^Variable "\$.+?" cannot be non-input type ".+?"\.$/,
    (_match, error, context) =>
      at(
        context,
        'NonInputTypeOnVariable',
        'Wrong type for a variable',
        context.parentOf(node(error)),
      ),
  ],
];

/** graphql-java's class names for the nodes that carry directives. */
const JAVA_NODE_NAMES: Readonly<Record<string, string>> = {
  [Kind.FIELD]: 'Field',
  [Kind.INLINE_FRAGMENT]: 'InlineFragment',
  [Kind.FRAGMENT_SPREAD]: 'FragmentSpread',
  [Kind.FRAGMENT_DEFINITION]: 'FragmentDefinition',
  [Kind.OPERATION_DEFINITION]: 'OperationDefinition',
};

/**
 * Nodes only ValuesOfCorrectTypeRule reports on. Its messages vary with the scalar (a built-in's
 * parseLiteral error is passed through as is), so its errors are told by their node instead.
 */
const LITERAL_KINDS: ReadonlySet<string> = new Set([
  Kind.INT,
  Kind.FLOAT,
  Kind.STRING,
  Kind.BOOLEAN,
  Kind.NULL,
  Kind.ENUM,
  Kind.LIST,
  Kind.OBJECT,
  Kind.OBJECT_FIELD,
]);

function translate(error: GraphQLError, context: DocumentContext): Translation {
  if (LITERAL_KINDS.has(node(error)?.kind ?? '')) {
    return wrongType(error, context);
  }
  for (const [pattern, rule] of RULES) {
    const match = pattern.exec(error.message);
    if (match) {
      return rule(match, error, context);
    }
  }
  return { entries: [{ message: error.message }] };
}

function node(error: GraphQLError): ASTNode | undefined {
  return error.nodes?.[0];
}

function appSyncText(type: string, description: string, path: readonly string[] = []): string {
  const suffix = path.length > 0 ? ` @ '${path.join('/')}'` : '';
  return `Validation error of type ${type}: ${description}${suffix}`;
}

/** One entry at `target`, with the field path down to it (through `operation`'s spreads). */
function at(
  context: DocumentContext,
  type: string,
  description: string,
  target: ASTNode | undefined,
  operation?: ASTNode,
): Translation {
  if (!target) {
    return { entries: [{ message: appSyncText(type, description) }] };
  }
  const path = context.fieldPath(target, operation);
  return { entries: [{ message: appSyncText(type, description, path), nodes: [target] }] };
}

/** `[Queue!]!` → `Queue`: graphql-java names the unwrapped type in these messages. */
function namedType(type: string | undefined): string {
  return (type ?? '').replace(/[[\]!]/g, '');
}

function definitionName(definition: ASTNode | undefined): string {
  switch (definition?.kind) {
    case Kind.SCHEMA_DEFINITION:
    case Kind.SCHEMA_EXTENSION:
      return 'schema';
    case Kind.OBJECT_TYPE_DEFINITION:
    case Kind.OBJECT_TYPE_EXTENSION:
    case Kind.INTERFACE_TYPE_DEFINITION:
    case Kind.INTERFACE_TYPE_EXTENSION:
    case Kind.UNION_TYPE_DEFINITION:
    case Kind.UNION_TYPE_EXTENSION:
    case Kind.ENUM_TYPE_DEFINITION:
    case Kind.ENUM_TYPE_EXTENSION:
    case Kind.SCALAR_TYPE_DEFINITION:
    case Kind.SCALAR_TYPE_EXTENSION:
    case Kind.INPUT_OBJECT_TYPE_DEFINITION:
    case Kind.INPUT_OBJECT_TYPE_EXTENSION:
      return definition.name.value;
    default:
      return 'provided';
  }
}

/**
 * graphql-java reports the variable's effective type: a nullable variable with a default counts
 * as non-null.
 */
function variableTypeMismatch(
  error: GraphQLError,
  context: DocumentContext,
  expected: string,
): Translation {
  const [definition, usage] = error.nodes ?? [];
  if (definition?.kind !== Kind.VARIABLE_DEFINITION) {
    return { entries: [{ message: error.message }] };
  }
  const declared = print(definition.type);
  const effective =
    definition.defaultValue &&
    definition.defaultValue.kind !== Kind.NULL &&
    definition.type.kind !== Kind.NON_NULL_TYPE
      ? `${declared}!`
      : declared;
  return at(
    context,
    'VariableTypeMismatch',
    `Variable type '${effective}' doesn't match expected type '${expected}'`,
    usage,
    context.operationOf(definition),
  );
}

function loneAnonymousOperation(
  _match: RegExpExecArray,
  _error: GraphQLError,
  context: DocumentContext,
): Translation {
  // graphql-java flags an operation that follows an anonymous one, and an anonymous operation
  // that follows any; graphql-js flags every anonymous operation. Recount once per document.
  const entries: Entry[] = [];
  let count = 0;
  let anonymous = false;
  for (const definition of context.document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) {
      continue;
    }
    const name = definition.name?.value;
    const message =
      name === undefined
        ? count > 0
          ? 'Anonymous operation with other operations.'
          : undefined
        : anonymous
          ? `Operation ${name} is following anonymous operation.`
          : undefined;
    anonymous ||= name === undefined;
    count += 1;
    if (message !== undefined) {
      entries.push({
        message: appSyncText('LoneAnonymousOperationViolation', message),
        nodes: [definition],
      });
    }
  }
  return { entries, once: 'LoneAnonymousOperation' };
}

/**
 * A literal of the wrong type, as graphql-java's ArgumentValidationUtil words it: the argument
 * (with the path into it), the offending value in graphql-java's AST notation, and what is wrong;
 * one message per argument, from graphql-java's own depth-first check.
 */
function wrongType(error: GraphQLError, context: DocumentContext): Translation {
  const holder = context.literalHolder(node(error));
  if (holder?.kind === Kind.VARIABLE_DEFINITION) {
    const type = context.inputTypeOf(holder);
    const value = holder.defaultValue;
    if (!value || !type) {
      return { entries: [{ message: error.message }] };
    }
    const name = isNonNullType(type) || isListType(type) ? 'null' : type.name;
    const message = appSyncText(
      'BadValueForDefaultArg',
      `Bad default value ${javaValue(value)} for type ${name}`,
    );
    return { entries: [{ message, nodes: [holder] }], once: holder };
  }
  if (holder?.kind !== Kind.ARGUMENT) {
    return { entries: [{ message: error.message }] };
  }
  const type = context.argumentTypeOf(holder);
  const failure = type ? checkLiteral(holder.value, type) : undefined;
  if (!failure) {
    // graphql-java would accept this literal (a rule it does not have): keep graphql-js's text.
    return { entries: [{ message: error.message }] };
  }
  const argument = failure.path.reduce(
    (text, step) => (step.startsWith('[') ? `${text}${step}` : `${text}.${step}`),
    holder.name.value,
  );
  const value = javaValue(failure.value ?? holder.value);
  return {
    entries: [
      {
        message: appSyncText(
          'WrongType',
          `argument '${argument}' with value '${value}' ${failure.problem}`,
          context.fieldPath(holder),
        ),
        nodes: [holder],
      },
    ],
    once: holder,
  };
}

interface LiteralFailure {
  /** Input-object field names and `[index]` steps from the argument down to the failure. */
  readonly path: string[];
  /** The value named in the message; the argument's whole value when undefined. */
  readonly value?: ValueNode;
  readonly problem: string;
}

/** graphql-java's ValidationUtil.isValidLiteralValue, returning why the first failure failed. */
function checkLiteral(value: ValueNode, type: GraphQLInputType): LiteralFailure | undefined {
  if (value.kind === Kind.NULL) {
    return isNonNullType(type) ? { path: [], value, problem: 'must not be null' } : undefined;
  }
  if (value.kind === Kind.VARIABLE) {
    return undefined;
  }
  if (isNonNullType(type)) {
    return checkLiteral(value, type.ofType);
  }
  if (isScalarType(type) || isEnumType(type)) {
    return parsesAs(value, type)
      ? undefined
      : { path: [], value, problem: `is not a valid '${type.name}'` };
  }
  if (isListType(type)) {
    const item: GraphQLInputType = type.ofType;
    if (value.kind !== Kind.LIST) {
      return checkLiteral(value, item);
    }
    for (const [index, element] of value.values.entries()) {
      const failure = checkLiteral(element, item);
      if (failure) {
        return { ...failure, path: [`[${index}]`, ...failure.path] };
      }
    }
    return undefined;
  }
  if (value.kind !== Kind.OBJECT) {
    return { path: [], problem: 'must be an object type' };
  }
  const fields = type.getFields();
  const given = new Set(value.fields.map((field) => field.name.value));
  const missing = Object.values(fields)
    .filter((field) => isNonNullType(field.type) && !given.has(field.name))
    .map((field) => field.name);
  if (missing.length > 0) {
    return {
      path: [],
      problem: `is missing required fields '[${javaHashSetOrder(missing).join(', ')}]'`,
    };
  }
  for (const field of value.fields) {
    const definition = fields[field.name.value];
    if (!definition) {
      return { path: [], problem: `contains a field not in '${type.name}': '${field.name.value}'` };
    }
    const failure = checkLiteral(field.value, definition.type);
    if (failure) {
      return { ...failure, path: [field.name.value, ...failure.path] };
    }
  }
  return undefined;
}

function parsesAs(
  value: ValueNode,
  type: { parseLiteral: (node: ValueNode, variables?: null) => unknown },
): boolean {
  try {
    return type.parseLiteral(value, null) !== undefined;
  } catch {
    return false;
  }
}

/**
 * graphql-java lists missing fields from a HashSet of their names: in bucket order of Java's
 * String.hashCode (spread, over a table of 16 slots or more), insertion order within a bucket.
 */
function javaHashSetOrder(names: readonly string[]): string[] {
  let capacity = 16;
  while (names.length > capacity * 0.75) {
    capacity *= 2;
  }
  const bucket = (name: string) => {
    let hash = 0;
    for (let index = 0; index < name.length; index += 1) {
      hash = (Math.imul(31, hash) + name.charCodeAt(index)) | 0;
    }
    return (hash ^ (hash >>> 16)) & (capacity - 1);
  };
  return names
    .map((name, order) => ({ name, order, bucket: bucket(name) }))
    .sort((a, b) => a.bucket - b.bucket || a.order - b.order)
    .map(({ name }) => name);
}

/** A literal as graphql-java's AST classes print themselves (`StringValue{value='x'}`). */
function javaValue(value: ValueNode): string {
  switch (value.kind) {
    case Kind.STRING:
      return `StringValue{value='${value.value}'}`;
    case Kind.INT:
      return `IntValue{value=${BigInt(value.value).toString()}}`;
    case Kind.FLOAT:
      return `FloatValue{value=${javaBigDecimal(value.value)}}`;
    case Kind.BOOLEAN:
      return `BooleanValue{value=${String(value.value)}}`;
    case Kind.NULL:
      return 'NullValue{}';
    case Kind.ENUM:
      return `EnumValue{name='${value.value}'}`;
    case Kind.VARIABLE:
      return `VariableReference{name='${value.name.value}'}`;
    case Kind.LIST:
      return `ArrayValue{values=[${value.values.map(javaValue).join(', ')}]}`;
    case Kind.OBJECT:
      return `ObjectValue{objectFields=[${value.fields
        .map((field) => `ObjectField{name='${field.name.value}', value=${javaValue(field.value)}}`)
        .join(', ')}]}`;
  }
}

/** `new BigDecimal(literal).toString()`: plain unless the exponent is large or very small. */
function javaBigDecimal(literal: string): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(literal);
  if (!match) {
    return literal;
  }
  const [, sign = '', whole = '', fraction = '', exponent = '0'] = match;
  const digits = BigInt(`${whole}${fraction}`).toString();
  const scale = fraction.length - Number(exponent);
  const adjusted = -scale + (digits.length - 1);
  const negative = sign === '-' && digits !== '0' ? '-' : '';
  if (scale >= 0 && adjusted >= -6) {
    if (scale === 0) {
      return `${negative}${digits}`;
    }
    if (digits.length > scale) {
      return `${negative}${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`;
    }
    return `${negative}0.${'0'.repeat(scale - digits.length)}${digits}`;
  }
  const mantissa = digits.length > 1 ? `${digits[0] ?? ''}.${digits.slice(1)}` : digits;
  return `${negative}${mantissa}E${adjusted > 0 ? '+' : ''}${adjusted}`;
}

/** What the rewording needs to know about one document: parents, argument types, spreads. */
class DocumentContext {
  private parents: Map<ASTNode, ASTNode> | undefined;
  private inputTypes: Map<ASTNode, GraphQLInputType> | undefined;

  constructor(
    readonly document: DocumentNode,
    private readonly schema: GraphQLSchema,
  ) {}

  parentOf(child: ASTNode | undefined): ASTNode | undefined {
    return child ? this.index().parents.get(child) : undefined;
  }

  argumentTypeOf(argument: ASTNode): GraphQLInputType | undefined {
    return this.index().inputTypes.get(argument);
  }

  inputTypeOf(definition: VariableDefinitionNode): GraphQLInputType | undefined {
    return this.index().inputTypes.get(definition);
  }

  /** The argument or variable definition a value node sits in. */
  literalHolder(start: ASTNode | undefined): ASTNode | undefined {
    for (let current = start; current; current = this.parentOf(current)) {
      if (current.kind === Kind.ARGUMENT || current.kind === Kind.VARIABLE_DEFINITION) {
        return current;
      }
    }
    return undefined;
  }

  operationOf(start: ASTNode): OperationDefinitionNode | undefined {
    for (let current: ASTNode | undefined = start; current; current = this.parentOf(current)) {
      if (current.kind === Kind.OPERATION_DEFINITION) {
        return current;
      }
    }
    return undefined;
  }

  /**
   * Field names from the enclosing operation or fragment down to `target` (itself included when
   * it is a field). Inside a fragment, with `operation` given, the path starts at the operation
   * and runs through the spread that reaches the fragment, as graphql-java's variable rules see it.
   */
  fieldPath(target: ASTNode, operation?: ASTNode): string[] {
    const names: string[] = [];
    for (let current: ASTNode | undefined = target; current; current = this.parentOf(current)) {
      if (current.kind === Kind.FIELD) {
        names.unshift(current.name.value);
      }
    }
    if (operation?.kind !== Kind.OPERATION_DEFINITION) {
      return names;
    }
    const definition = this.definitionOf(target);
    if (definition?.kind !== Kind.FRAGMENT_DEFINITION) {
      return names;
    }
    const prefix = this.spreadPath(operation.selectionSet, definition.name.value, new Set());
    return prefix ? [...prefix, ...names] : names;
  }

  private definitionOf(target: ASTNode): ASTNode | undefined {
    let definition: ASTNode | undefined;
    for (let current: ASTNode | undefined = target; current; current = this.parentOf(current)) {
      if (current.kind !== Kind.DOCUMENT) {
        definition = current;
      }
    }
    return definition;
  }

  private spreadPath(
    selectionSet: SelectionSetNode,
    fragment: string,
    visited: Set<string>,
  ): string[] | undefined {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const inner = selection.selectionSet
          ? this.spreadPath(selection.selectionSet, fragment, visited)
          : undefined;
        if (inner) {
          return [selection.name.value, ...inner];
        }
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const inner = this.spreadPath(selection.selectionSet, fragment, visited);
        if (inner) {
          return inner;
        }
      } else if (selection.name.value === fragment) {
        return [];
      } else if (!visited.has(selection.name.value)) {
        visited.add(selection.name.value);
        const definition = this.fragments().get(selection.name.value);
        const inner = definition
          ? this.spreadPath(definition.selectionSet, fragment, visited)
          : undefined;
        if (inner) {
          return inner;
        }
      }
    }
    return undefined;
  }

  private fragments(): Map<string, FragmentDefinitionNode> {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of this.document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION && !fragments.has(definition.name.value)) {
        fragments.set(definition.name.value, definition);
      }
    }
    return fragments;
  }

  /** One walk of the document, on first need: each node's parent, and argument input types. */
  private index(): {
    parents: Map<ASTNode, ASTNode>;
    inputTypes: Map<ASTNode, GraphQLInputType>;
  } {
    if (this.parents && this.inputTypes) {
      return { parents: this.parents, inputTypes: this.inputTypes };
    }
    const parents = new Map<ASTNode, ASTNode>();
    const inputTypes = new Map<ASTNode, GraphQLInputType>();
    const typeInfo = new TypeInfo(this.schema);
    visit(
      this.document,
      visitWithTypeInfo(typeInfo, {
        enter(current, _key, parent, _path, ancestors) {
          const owner = Array.isArray(parent) ? ancestors[ancestors.length - 1] : parent;
          if (owner && !Array.isArray(owner)) {
            parents.set(current, owner as ASTNode);
          }
          if (current.kind === Kind.ARGUMENT) {
            const type = typeInfo.getArgument()?.type;
            if (type) {
              inputTypes.set(current, type);
            }
          } else if (current.kind === Kind.VARIABLE_DEFINITION) {
            const type = typeInfo.getInputType();
            if (type) {
              inputTypes.set(current, type);
            }
          }
        },
      }),
    );
    this.parents = parents;
    this.inputTypes = inputTypes;
    return { parents, inputTypes };
  }
}
