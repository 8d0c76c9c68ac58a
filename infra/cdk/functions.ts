import { Duration, Tags } from 'aws-cdk-lib';
import type * as appsync from 'aws-cdk-lib/aws-appsync';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import path from 'node:path';
import type { EnvironmentValue, LambdaSpec, Manifest } from '../../resolvers/manifest';
import {
  DEFAULT_MEMORY_MB,
  DEFAULT_TIMEOUT_SECONDS,
} from '../local/datasources/lambda/environment';
import { constructId, splitCoordinate } from './ids';
import type { StageSettings } from './stage';
import { tableNamed, tableResources, type DeployedTables } from './tables';

/** The tag that names a function's manifest data source. */
export const DATA_SOURCE_TAG = 'courier:data-source';

/**
 * Node.js 22: Lambda supports it longer than 20. The bundle still targets Node 20, as the local
 * engine's does, so code that runs locally runs here.
 */
export const LAMBDA_RUNTIME = lambda.Runtime.NODEJS_22_X;
const BUNDLE_TARGET = 'node20';

/** One deployed manifest Lambda with the spec it came from. */
export interface DeployedFunction {
  readonly name: string;
  readonly spec: LambdaSpec<string>;
  readonly fn: NodejsFunction;
  readonly role: iam.Role;
}

export type DeployedFunctions = ReadonlyMap<string, DeployedFunction>;

export interface FunctionsProps {
  readonly manifest: Manifest;
  /** The folder whose resolvers/ holds each `spec.entry`. */
  readonly root: string;
  /** The folder with package-lock.json and node_modules the entries import from. */
  readonly projectRoot: string;
  readonly tables: DeployedTables;
  readonly api: appsync.GraphqlApi;
  readonly stage: StageSettings;
}

/**
 * NodejsFunction falls back to bundling in Docker when it finds no local esbuild; that needs a
 * daemon and the network, so refuse it here with the reason instead.
 */
function requireLocalEsbuild(): void {
  try {
    require.resolve('esbuild');
  } catch (error) {
    throw new Error(
      'esbuild is not installed in node_modules: Lambda functions are bundled locally with it, never in Docker. Run `npm ci`.',
      { cause: error },
    );
  }
}

function environment(
  spec: LambdaSpec<string>,
  tables: DeployedTables,
  api: appsync.GraphqlApi,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries<EnvironmentValue<string>>(spec.environment ?? {}).map(([key, value]) => {
      if (typeof value === 'string') {
        return [key, value];
      }
      return [
        key,
        'tableName' in value ? tableNamed(tables, value.tableName).table.tableName : api.graphqlUrl,
      ];
    }),
  );
}

/**
 * What the function may do beyond logging and tracing: exactly the DynamoDB actions its spec lists
 * on exactly those tables, and appsync:GraphQL on exactly the fields it calls back.
 */
export function functionStatements(
  spec: LambdaSpec<string>,
  tables: DeployedTables,
  api: appsync.GraphqlApi,
): iam.PolicyStatement[] {
  const statements = Object.entries(spec.tables ?? {}).flatMap(([name, actions]) =>
    actions === undefined || actions.length === 0
      ? []
      : [
          new iam.PolicyStatement({
            actions: actions.map((action) => `dynamodb:${action}`),
            resources: tableResources(tableNamed(tables, name)),
          }),
        ],
  );
  const fields = spec.apiFields ?? [];
  if (fields.length > 0) {
    statements.push(
      new iam.PolicyStatement({
        actions: ['appsync:GraphQL'],
        resources: fields.map((coordinate) => {
          const { typeName, fieldName } = splitCoordinate(coordinate);
          return `${api.arn}/types/${typeName}/fields/${fieldName}`;
        }),
      }),
    );
  }
  return statements;
}

function createFunction(
  scope: Construct,
  name: string,
  spec: LambdaSpec<string>,
  props: FunctionsProps,
): DeployedFunction {
  const id = constructId(name);
  const logGroup = new logs.LogGroup(scope, `${id}Logs`, {
    retention: props.stage.logRetention,
    removalPolicy: props.stage.removalPolicy,
  });
  // An explicit role instead of the default one, whose AWS managed policy may write to any log group.
  const role = new iam.Role(scope, `${id}Role`, {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    description: `Courier ${name}: its own logs, and what its manifest entry grants`,
  });
  role.addToPolicy(
    new iam.PolicyStatement({
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      resources: [logGroup.logGroupArn],
    }),
  );
  for (const statement of functionStatements(spec, props.tables, props.api)) {
    role.addToPolicy(statement);
  }
  const fn = new NodejsFunction(scope, `${id}Function`, {
    description: `Courier ${props.stage.stage} ${name}: resolvers/${spec.entry}`,
    entry: path.join(props.root, 'resolvers', spec.entry),
    handler: spec.handler ?? 'handler',
    projectRoot: props.projectRoot,
    depsLockFilePath: path.join(props.projectRoot, 'package-lock.json'),
    runtime: LAMBDA_RUNTIME,
    architecture: lambda.Architecture.ARM_64,
    memorySize: spec.memoryMb ?? DEFAULT_MEMORY_MB,
    timeout: Duration.seconds(spec.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS),
    environment: environment(spec, props.tables, props.api),
    role,
    logGroup,
    tracing: lambda.Tracing.ACTIVE,
    bundling: {
      forceDockerBundling: false,
      target: BUNDLE_TARGET,
      // An ES module, as the local engine loads the handler; CommonJS packages inside it still
      // need `require`, which ES modules lack.
      format: OutputFormat.ESM,
      mainFields: ['module', 'main'],
      banner:
        "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
      // The SDK the project pins and tests with is bundled, not the one the runtime happens to carry.
      externalModules: [],
      logLevel: LogLevel.WARNING,
    },
  });
  Tags.of(fn).add(DATA_SOURCE_TAG, name);
  return { name, spec, fn, role };
}

/** One bundled Node.js function per LAMBDA data source of the manifest. */
export function createFunctions(scope: Construct, props: FunctionsProps): DeployedFunctions {
  const specs = Object.entries(props.manifest.dataSources).flatMap(([name, spec]) =>
    spec.kind === 'LAMBDA' ? [[name, spec] as const] : [],
  );
  if (specs.length > 0) {
    requireLocalEsbuild();
  }
  return new Map(specs.map(([name, spec]) => [name, createFunction(scope, name, spec, props)]));
}
