import { isObjectType, type GraphQLSchema } from 'graphql';
import { codeUnits, type Manifest } from '../../resolvers/manifest';

/** AppSync's limits that the manifest must respect. */
const MAX_FUNCTIONS_PER_PIPELINE = 10;
const MAX_ENVIRONMENT_VARIABLES = 50;
const ENVIRONMENT_KEY = /^[A-Za-z][A-Za-z0-9_]{1,63}$/;
const PIPELINE_FUNCTION_NAME = /^\d{2}\.[A-Za-z][A-Za-z0-9-]*$/;
const ROOT_TYPES_NEEDING_RESOLVERS = ['Query', 'Mutation'] as const;

export interface ManifestCheckOptions {
  /** Whether a resolver source file (relative to resolvers/) exists. */
  readonly sourceExists: (relativePath: string) => boolean;
}

function splitCoordinate(coordinate: string): { typeName: string; fieldName: string } | null {
  const parts = coordinate.split('.');
  const [typeName, fieldName] = parts;
  return parts.length === 2 && typeName && fieldName ? { typeName, fieldName } : null;
}

function fieldProblem(schema: GraphQLSchema, coordinate: string, role: string): string | null {
  const parts = splitCoordinate(coordinate);
  if (!parts) {
    return `${role} ${JSON.stringify(coordinate)} is not a schema coordinate; expected "Type.field".`;
  }
  const type = schema.getType(parts.typeName);
  if (!isObjectType(type)) {
    return `${role} ${coordinate} points at type ${parts.typeName}, which is not an object type in schema/.`;
  }
  if (!type.getFields()[parts.fieldName]) {
    const known = Object.keys(type.getFields()).join(', ');
    return `${role} ${coordinate} points at a field that does not exist: ${parts.typeName} has no field ${parts.fieldName} (it has: ${known}).`;
  }
  return null;
}

function dataSourceProblems(manifest: Manifest): string[] {
  const tables = Object.keys(manifest.tables);
  const declared = Object.keys(manifest.dataSources);
  const problems: string[] = [];
  for (const [name, dataSource] of Object.entries(manifest.dataSources)) {
    if (dataSource.kind === 'DYNAMODB' && !tables.includes(dataSource.table)) {
      problems.push(
        `Data source ${name} uses table ${JSON.stringify(dataSource.table)}, which is not declared (tables: ${tables.join(', ')}).`,
      );
    }
  }
  const use = (owner: string, dataSource: string): void => {
    if (!declared.includes(dataSource)) {
      problems.push(
        `${owner} uses data source ${JSON.stringify(dataSource)}, which is not declared (data sources: ${declared.join(', ')}).`,
      );
    }
  };
  for (const [coordinate, resolver] of Object.entries(manifest.resolvers)) {
    if (resolver.kind === 'UNIT') {
      use(`Resolver ${coordinate}`, resolver.dataSource);
    } else {
      resolver.functions.forEach((fn) =>
        use(`Pipeline function ${coordinate}/${fn.name}`, fn.dataSource),
      );
    }
  }
  return problems;
}

function pipelineProblems(manifest: Manifest): string[] {
  const problems: string[] = [];
  for (const [coordinate, resolver] of Object.entries(manifest.resolvers)) {
    if (resolver.kind !== 'PIPELINE') {
      continue;
    }
    const count = resolver.functions.length;
    if (count < 1 || count > MAX_FUNCTIONS_PER_PIPELINE) {
      problems.push(
        `Pipeline ${coordinate} has ${count} functions; AppSync allows 1 to ${MAX_FUNCTIONS_PER_PIPELINE}.`,
      );
    }
    for (const fn of resolver.functions) {
      if (!PIPELINE_FUNCTION_NAME.test(fn.name)) {
        problems.push(
          `Pipeline function ${coordinate}/${fn.name} is misnamed; expected "NN.step" such as "01.validate".`,
        );
      }
    }
    const names = resolver.functions.map((fn) => fn.name);
    const sorted = [...names].sort();
    if (new Set(names).size !== names.length || names.some((name, i) => name !== sorted[i])) {
      problems.push(
        `Pipeline ${coordinate} must list its functions once each, in file order (got: ${names.join(', ')}).`,
      );
    }
  }
  return problems;
}

function environmentProblems(manifest: Manifest): string[] {
  const entries = Object.entries(manifest.environment);
  const tables = Object.keys(manifest.tables);
  const problems: string[] = [];
  if (entries.length > MAX_ENVIRONMENT_VARIABLES) {
    problems.push(
      `The manifest declares ${entries.length} environment variables; AppSync allows ${MAX_ENVIRONMENT_VARIABLES}.`,
    );
  }
  for (const [key, value] of entries) {
    if (!ENVIRONMENT_KEY.test(key)) {
      problems.push(
        `Environment variable ${JSON.stringify(key)} is misnamed; expected 2 to 64 letters, digits or _ starting with a letter.`,
      );
    }
    if (typeof value !== 'string' && !tables.includes(value.tableName)) {
      problems.push(
        `Environment variable ${key} names table ${JSON.stringify(value.tableName)}, which is not declared (tables: ${tables.join(', ')}).`,
      );
    }
  }
  return problems;
}

function coverageProblems(manifest: Manifest, schema: GraphQLSchema): string[] {
  const problems: string[] = [];
  for (const coordinate of Object.keys(manifest.resolvers)) {
    const problem = fieldProblem(schema, coordinate, 'Resolver');
    if (problem) {
      problems.push(problem);
    }
  }
  for (const [coordinate, reason] of Object.entries(manifest.unresolved)) {
    const problem = fieldProblem(schema, coordinate, 'Unresolved entry');
    if (problem) {
      problems.push(problem);
    } else if (manifest.resolvers[coordinate]) {
      problems.push(
        `${coordinate} has a resolver but is still listed as unresolved ("${reason}"); remove it from unresolved.`,
      );
    }
  }
  for (const typeName of ROOT_TYPES_NEEDING_RESOLVERS) {
    const type = schema.getType(typeName);
    if (!isObjectType(type)) {
      continue;
    }
    for (const fieldName of Object.keys(type.getFields())) {
      const coordinate = `${typeName}.${fieldName}`;
      if (!manifest.resolvers[coordinate] && manifest.unresolved[coordinate] === undefined) {
        problems.push(
          `Root field ${coordinate} has no resolver; add one to resolvers/index.ts (or list it under unresolved with the reason).`,
        );
      }
    }
  }
  return problems;
}

function subscriptionProblems(schema: GraphQLSchema): string[] {
  const subscription = schema.getSubscriptionType();
  const mutation = schema.getMutationType();
  if (!subscription) {
    return [];
  }
  const problems: string[] = [];
  for (const field of Object.values(subscription.getFields())) {
    const directive = field.astNode?.directives?.find((d) => d.name.value === 'aws_subscribe');
    const argument = directive?.arguments?.find((a) => a.name.value === 'mutations');
    const names = argument?.value.kind === 'ListValue' ? argument.value.values : [];
    for (const value of names) {
      const name = value.kind === 'StringValue' ? value.value : '';
      const target = mutation?.getFields()[name];
      if (!target) {
        problems.push(
          `Subscription.${field.name} subscribes to mutation ${JSON.stringify(name)}, which does not exist.`,
        );
      } else if (String(target.type).replace(/!$/, '') !== String(field.type).replace(/!$/, '')) {
        problems.push(
          `Subscription.${field.name} returns ${String(field.type)} but mutation ${name} returns ${String(target.type)}; AppSync needs the same type.`,
        );
      }
    }
  }
  return problems;
}

/**
 * Compares the manifest with the schema and the resolver sources. Returns one message per problem,
 * each naming the offending coordinate; an empty list means the two agree.
 */
export function checkManifest(
  manifest: Manifest,
  schema: GraphQLSchema,
  options: ManifestCheckOptions,
): string[] {
  const sourceProblems = codeUnits(manifest)
    .filter((unit) => !options.sourceExists(unit.source))
    .map((unit) => `${unit.id} has no code: resolvers/${unit.source} does not exist.`);
  return [
    ...coverageProblems(manifest, schema),
    ...dataSourceProblems(manifest),
    ...pipelineProblems(manifest),
    ...environmentProblems(manifest),
    ...subscriptionProblems(schema),
    ...sourceProblems,
  ];
}
