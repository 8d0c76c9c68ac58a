import {
  buildASTSchema,
  extendSchema,
  GraphQLSchema,
  isObjectType,
  Kind,
  parse,
  validateSchema,
  type DefinitionNode,
  type DocumentNode,
  type GraphQLNamedType,
} from 'graphql';
import { readAppSyncDeclarations } from '../../build/schema';
import { appSyncScalars } from './scalars';

export { appSyncScalars };

/** Why a schema cannot be served: what AppSync would refuse at deploy time, or an SDL error. */
export type AppSyncSchemaErrorCode =
  'CustomScalarNotSupported' | 'ReservedTypeName' | 'InvalidSchema';

/** A schema AppSync would not accept; the message names the offending definition and its line. */
export class AppSyncSchemaError extends Error {
  constructor(
    readonly code: AppSyncSchemaErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AppSyncSchemaError';
  }
}

const BUILT_IN_SCALARS = 'ID, String, Int, Float, Boolean';

function lineOf(definition: DefinitionNode): string {
  const line = definition.loc?.startToken.line;
  return line === undefined ? '' : ` (line ${line})`;
}

const NAMED_TYPE_KINDS: ReadonlySet<string> = new Set([
  Kind.OBJECT_TYPE_DEFINITION,
  Kind.INTERFACE_TYPE_DEFINITION,
  Kind.UNION_TYPE_DEFINITION,
  Kind.ENUM_TYPE_DEFINITION,
  Kind.INPUT_OBJECT_TYPE_DEFINITION,
]);

/**
 * What AppSync refuses before graphql-js would notice: a user-defined (or redeclared AppSync)
 * scalar, and a type named with AppSync's reserved `AWS` prefix [runtime §11.3, doc:scalars].
 */
function refuseWhatAppSyncRefuses(document: DocumentNode): void {
  for (const definition of document.definitions) {
    if (
      definition.kind === Kind.SCALAR_TYPE_DEFINITION ||
      definition.kind === Kind.SCALAR_TYPE_EXTENSION
    ) {
      const name = definition.name.value;
      const where = lineOf(definition);
      throw new AppSyncSchemaError(
        'CustomScalarNotSupported',
        definition.kind === Kind.SCALAR_TYPE_EXTENSION
          ? `The schema extends scalar ${name}${where}, but AppSync takes no scalar definitions or extensions from a schema: remove the extension.`
          : Object.hasOwn(appSyncScalars, name)
            ? `The schema declares scalar ${name}${where}, which AppSync provides itself and does not let a schema redeclare: remove the declaration.`
            : `The schema declares the custom scalar ${name}${where}, but AppSync supports no user-defined scalars: use a built-in scalar (${BUILT_IN_SCALARS}) or an AppSync scalar (${Object.keys(appSyncScalars).join(', ')}).`,
      );
    }
    if (NAMED_TYPE_KINDS.has(definition.kind) && 'name' in definition && definition.name) {
      const name = definition.name.value;
      if (name.startsWith('AWS')) {
        throw new AppSyncSchemaError(
          'ReservedTypeName',
          `The schema defines type ${name}${lineOf(definition)}, but AppSync reserves the AWS prefix for its own types: rename it.`,
        );
      }
    }
  }
}

/**
 * AppSync's declarations (schema/appsync.graphql) with the scalars' implementations in place of
 * graphql-js's pass-through defaults. The declarations and the implementations must list the same
 * scalars.
 */
function appSyncBase(): GraphQLSchema {
  const declared = buildASTSchema(parse(readAppSyncDeclarations()), { assumeValidSDL: false });
  const config = declared.toConfig();
  const declaredScalars = config.types
    .filter((type) => type.name.startsWith('AWS'))
    .map((type) => type.name)
    .sort();
  const implemented = Object.keys(appSyncScalars).sort();
  if (declaredScalars.join() !== implemented.join()) {
    throw new Error(
      `schema/appsync.graphql declares the scalars [${declaredScalars.join(', ')}] but the engine implements [${implemented.join(', ')}].`,
    );
  }
  return new GraphQLSchema({
    ...config,
    types: config.types.map((type): GraphQLNamedType => appSyncScalars[type.name] ?? type),
  });
}

/** Root types by convention (Query, Mutation, Subscription) when the SDL has no schema block. */
function withConventionalRoots(schema: GraphQLSchema, document: DocumentNode): GraphQLSchema {
  if (document.definitions.some((definition) => definition.kind === Kind.SCHEMA_DEFINITION)) {
    return schema;
  }
  const root = (name: string) => {
    const type = schema.getType(name);
    return isObjectType(type) ? type : undefined;
  };
  return new GraphQLSchema({
    ...schema.toConfig(),
    query: root('Query'),
    mutation: root('Mutation'),
    subscription: root('Subscription'),
  });
}

/**
 * The executable schema of an AppSync API: the deployable SDL (what AppSync receives) with
 * AppSync's scalars, implemented as AppSync validates them, and its directives. Throws
 * AppSyncSchemaError for what AppSync would refuse at deploy time.
 */
export function buildAppSyncSchema(sdl: string): GraphQLSchema {
  let document: DocumentNode;
  try {
    document = parse(sdl);
  } catch (error) {
    throw new AppSyncSchemaError(
      'InvalidSchema',
      `The schema is not valid SDL: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  refuseWhatAppSyncRefuses(document);
  let schema: GraphQLSchema;
  try {
    schema = withConventionalRoots(extendSchema(appSyncBase(), document), document);
  } catch (error) {
    throw new AppSyncSchemaError(
      'InvalidSchema',
      `The schema is invalid: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  const problems = validateSchema(schema);
  if (problems.length > 0) {
    throw new AppSyncSchemaError(
      'InvalidSchema',
      `The schema is invalid: ${problems.map((problem) => problem.message).join(' ')}`,
    );
  }
  return schema;
}
