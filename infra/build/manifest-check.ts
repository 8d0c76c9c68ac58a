import { isObjectType, type GraphQLSchema } from 'graphql';
import path from 'node:path';
import {
  codeUnits,
  type DataSourceSpec,
  type LambdaSpec,
  type Manifest,
} from '../../resolvers/manifest';

/** AppSync's limits that the manifest must respect. */
const MAX_FUNCTIONS_PER_PIPELINE = 10;
const MAX_ENVIRONMENT_VARIABLES = 50;
const ENVIRONMENT_KEY = /^[A-Za-z][A-Za-z0-9_]{1,63}$/;
const PIPELINE_FUNCTION_NAME = /^\d{2}\.[A-Za-z][A-Za-z0-9-]*$/;
const ROOT_TYPES_NEEDING_RESOLVERS = ['Query', 'Mutation'] as const;
/** Lambda's limits and rules for a function's settings. */
const LAMBDA_TIMEOUT_SECONDS = { min: 1, max: 900 } as const;
const LAMBDA_MEMORY_MB = { min: 128, max: 10_240 } as const;
const MAX_BATCH_SIZE = { min: 1, max: 2000 } as const;
const LAMBDA_ENVIRONMENT_KEY = /^[A-Za-z][A-Za-z0-9_]+$/;
const HANDLER_NAME = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
/** Lambda handlers live here, outside the APPSYNC_JS lint rules that apply to resolver code. */
const LAMBDA_ENTRY_DIR = 'lambda/';
/** Variables Lambda defines itself and refuses in a function's configuration. */
const LAMBDA_RESERVED_KEYS = [
  '_HANDLER',
  '_X_AMZN_TRACE_ID',
  'AWS_ACCESS_KEY',
  'AWS_ACCESS_KEY_ID',
  'AWS_DEFAULT_REGION',
  'AWS_EXECUTION_ENV',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
  'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_VERSION',
  'AWS_LAMBDA_INITIALIZATION_TYPE',
  'AWS_LAMBDA_LOG_GROUP_NAME',
  'AWS_LAMBDA_LOG_STREAM_NAME',
  'AWS_LAMBDA_RUNTIME_API',
  'AWS_REGION',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'LAMBDA_RUNTIME_DIR',
  'LAMBDA_TASK_ROOT',
];

export interface ManifestCheckOptions {
  /** Whether a resolver or Lambda handler source file (relative to resolvers/) exists. */
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

function dataSourceProblems(manifest: Manifest, options: ManifestCheckOptions): string[] {
  const tables = Object.keys(manifest.tables);
  const declared = Object.keys(manifest.dataSources);
  const problems: string[] = [];
  for (const [name, dataSource] of Object.entries(manifest.dataSources)) {
    if (dataSource.kind === 'DYNAMODB' && !tables.includes(dataSource.table)) {
      problems.push(
        `Data source ${name} uses table ${JSON.stringify(dataSource.table)}, which is not declared (tables: ${tables.join(', ')}).`,
      );
    }
    if (dataSource.kind === 'LAMBDA') {
      problems.push(...lambdaProblems(name, dataSource, tables, options));
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

function rangeProblem(
  owner: string,
  setting: string,
  value: number | undefined,
  range: { readonly min: number; readonly max: number },
  service: 'AppSync' | 'Lambda',
  unit = '',
): string | null {
  if (
    value === undefined ||
    (Number.isInteger(value) && value >= range.min && value <= range.max)
  ) {
    return null;
  }
  return `${owner} has ${setting} ${value}; ${service} allows an integer from ${range.min} to ${range.max}${unit}.`;
}

function lambdaEntryProblem(
  name: string,
  entry: string,
  options: ManifestCheckOptions,
): string | null {
  const normalized = path.posix.normalize(entry);
  if (path.posix.isAbsolute(entry) || normalized !== entry || !entry.startsWith(LAMBDA_ENTRY_DIR)) {
    return `Data source ${name} has entry ${JSON.stringify(entry)}; expected a path inside resolvers/${LAMBDA_ENTRY_DIR} such as "${LAMBDA_ENTRY_DIR}receive.ts".`;
  }
  if (!options.sourceExists(entry)) {
    return `Data source ${name} has no handler code: resolvers/${entry} does not exist.`;
  }
  return null;
}

function lambdaProblems(
  name: string,
  spec: LambdaSpec<string>,
  tables: readonly string[],
  options: ManifestCheckOptions,
): string[] {
  const owner = `Data source ${name}`;
  const problems = [
    lambdaEntryProblem(name, spec.entry, options),
    rangeProblem(
      owner,
      'timeoutSeconds',
      spec.timeoutSeconds,
      LAMBDA_TIMEOUT_SECONDS,
      'Lambda',
      ' seconds',
    ),
    rangeProblem(owner, 'memoryMb', spec.memoryMb, LAMBDA_MEMORY_MB, 'Lambda', ' MB'),
  ];
  if (spec.handler !== undefined && !HANDLER_NAME.test(spec.handler)) {
    problems.push(
      `${owner} has handler ${JSON.stringify(spec.handler)}; expected the name of an exported function, such as "handler".`,
    );
  }
  for (const [key, value] of Object.entries(spec.environment ?? {})) {
    if (!LAMBDA_ENVIRONMENT_KEY.test(key)) {
      problems.push(
        `${owner} has environment variable ${JSON.stringify(key)}, which is misnamed; expected letters, digits or _ starting with a letter.`,
      );
    } else if (LAMBDA_RESERVED_KEYS.includes(key)) {
      problems.push(
        `${owner} sets environment variable ${key}, which Lambda reserves and sets itself.`,
      );
    }
    if (typeof value !== 'string' && 'tableName' in value && !tables.includes(value.tableName)) {
      problems.push(
        `${owner} has environment variable ${key} naming table ${JSON.stringify(value.tableName)}, which is not declared (tables: ${tables.join(', ')}).`,
      );
    }
  }
  for (const table of Object.keys(spec.tables ?? {})) {
    if (!tables.includes(table)) {
      problems.push(
        `${owner} is granted access to table ${JSON.stringify(table)}, which is not declared (tables: ${tables.join(', ')}).`,
      );
    }
  }
  return problems.filter((problem): problem is string => problem !== null);
}

/** Problems of the settings that only a LAMBDA data source can take: `direct`, `maxBatchSize`. */
function lambdaUseProblems(manifest: Manifest): string[] {
  const problems: string[] = [];
  const kindOf = (dataSource: string): DataSourceSpec<string>['kind'] | undefined =>
    manifest.dataSources[dataSource]?.kind;
  const check = (
    owner: string,
    dataSource: string,
    settings: { readonly direct?: true; readonly maxBatchSize?: number },
  ): void => {
    const kind = kindOf(dataSource);
    for (const setting of ['direct', 'maxBatchSize'] as const) {
      if (settings[setting] !== undefined && kind !== undefined && kind !== 'LAMBDA') {
        problems.push(
          `${owner} sets ${setting}, which needs a LAMBDA data source; ${dataSource} is ${kind}.`,
        );
      }
    }
    const range = rangeProblem(
      owner,
      'maxBatchSize',
      settings.maxBatchSize,
      MAX_BATCH_SIZE,
      'AppSync',
    );
    if (range) {
      problems.push(range);
    }
  };
  for (const [coordinate, resolver] of Object.entries(manifest.resolvers)) {
    if (resolver.kind === 'UNIT') {
      check(`Resolver ${coordinate}`, resolver.dataSource, resolver);
    } else {
      resolver.functions.forEach((fn) =>
        check(`Pipeline function ${coordinate}/${fn.name}`, fn.dataSource, fn),
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
    if (typeof value !== 'string' && !('tableName' in value)) {
      problems.push(
        `Environment variable ${key} names the API's own URL; only Lambda functions may (AppSync's environment holds literals and table names).`,
      );
    } else if (typeof value !== 'string' && !tables.includes(value.tableName)) {
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

/** A function may call back only fields that exist and that AppSync lets IAM callers reach. */
function apiFieldProblems(manifest: Manifest, schema: GraphQLSchema): string[] {
  const problems: string[] = [];
  for (const [name, dataSource] of Object.entries(manifest.dataSources)) {
    if (dataSource.kind !== 'LAMBDA') {
      continue;
    }
    for (const coordinate of dataSource.apiFields ?? []) {
      const problem = fieldProblem(schema, coordinate, `Data source ${name} calls`);
      if (problem) {
        problems.push(problem);
        continue;
      }
      const parts = splitCoordinate(coordinate);
      const type = parts ? schema.getType(parts.typeName) : undefined;
      const roots = [schema.getQueryType(), schema.getMutationType()];
      if (!isObjectType(type) || !roots.includes(type)) {
        problems.push(
          `Data source ${name} calls ${coordinate}, which is not a query or mutation field; functions can call only those over HTTP.`,
        );
        continue;
      }
      const field = parts ? type.getFields()[parts.fieldName] : undefined;
      const names = (node: typeof field) =>
        (node?.astNode?.directives ?? []).map((directive) => directive.name.value);
      const own = names(field);
      const typeLevel = (type.astNode?.directives ?? []).map((directive) => directive.name.value);
      const authDirectives = own.filter(
        (directive) => directive.startsWith('aws_') && directive !== 'aws_subscribe',
      );
      const iam =
        authDirectives.length > 0 ? own.includes('aws_iam') : typeLevel.includes('aws_iam');
      if (!iam) {
        problems.push(
          `Data source ${name} calls ${coordinate}, which is not marked @aws_iam; a function's role can call only fields that allow AWS_IAM.`,
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
    ...dataSourceProblems(manifest, options),
    ...lambdaUseProblems(manifest),
    ...pipelineProblems(manifest),
    ...environmentProblems(manifest),
    ...subscriptionProblems(schema),
    ...apiFieldProblems(manifest, schema),
    ...sourceProblems,
  ];
}
