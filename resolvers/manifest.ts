/**
 * The manifest's vocabulary: a declarative, AWS-free description of Courier's back end. infra/cdk
 * turns it into CloudFormation, infra/local into a running engine; neither may know more about the
 * API than what is written here.
 */

export type KeyAttributeType = 'S' | 'N' | 'B';

export interface KeyAttribute {
  readonly name: string;
  readonly type: KeyAttributeType;
}

export interface GlobalSecondaryIndexSpec {
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  /** ALL copies every attribute into the index; KEYS_ONLY only the table and index keys. */
  readonly projection: 'ALL' | 'KEYS_ONLY';
}

export interface TableSpec {
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  readonly globalSecondaryIndexes?: Readonly<Record<string, GlobalSecondaryIndexSpec>>;
  /** Epoch-seconds attribute DynamoDB uses to expire items. */
  readonly timeToLiveAttribute?: string;
  readonly stream?: 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES' | 'KEYS_ONLY';
}

/**
 * A value of an environment variable: a literal, the physical name of a manifest table, or the
 * API's own GraphQL endpoint (for functions that call back into the API with IAM).
 */
export type EnvironmentValue<Table extends string> =
  string | { readonly tableName: Table } | { readonly api: 'graphqlUrl' };

/** A Lambda function: a Node.js handler module under resolvers/lambda/, bundled with esbuild. */
export interface LambdaSpec<Table extends string> {
  readonly kind: 'LAMBDA';
  /** Path of the handler module, relative to resolvers/ (for example `lambda/receive.ts`). */
  readonly entry: string;
  /** Name of the exported handler function; `handler` when omitted. */
  readonly handler?: string;
  /** The function's environment; table references become physical table names. */
  readonly environment?: Readonly<Record<string, EnvironmentValue<Table>>>;
  /** Tables the function reads or writes, with the DynamoDB actions its code uses. */
  readonly tables?: Readonly<Partial<Record<Table, readonly DynamoDbAction[]>>>;
  /**
   * Root fields of this API the function calls with its IAM role (`Mutation.publishQueueEvent`):
   * the deployment grants appsync:GraphQL on exactly these.
   */
  readonly apiFields?: readonly string[];
  /** Lambda's timeout, 1..900 seconds; 10 when omitted. */
  readonly timeoutSeconds?: number;
  /** Lambda's memory, 128..10240 MB; 512 when omitted. */
  readonly memoryMb?: number;
}

/** DynamoDB actions a Lambda may be granted (least privilege, named as IAM names them). */
export type DynamoDbAction =
  | 'GetItem'
  | 'PutItem'
  | 'UpdateItem'
  | 'DeleteItem'
  | 'Query'
  | 'Scan'
  | 'BatchGetItem'
  | 'BatchWriteItem'
  | 'TransactGetItems'
  | 'TransactWriteItems'
  | 'ConditionCheckItem';

export type DataSourceSpec<Table extends string> =
  | { readonly kind: 'DYNAMODB'; readonly table: Table }
  | LambdaSpec<Table>
  | { readonly kind: 'NONE' };

/** One step of a pipeline; its code lives in `<Type>.<field>/<name>.ts`. */
export interface PipelineFunctionSpec<DataSource extends string> {
  readonly name: string;
  readonly dataSource: DataSource;
  /** Lambda BatchInvoke: at most this many field instances per invocation (1..2000). */
  readonly maxBatchSize?: number;
}

export type ResolverSpec<DataSource extends string> =
  | {
      readonly kind: 'UNIT';
      readonly dataSource: DataSource;
      /** Lambda BatchInvoke: at most this many field instances per invocation (1..2000). */
      readonly maxBatchSize?: number;
      /**
       * A direct Lambda resolver: no code; AppSync sends the whole context to the Lambda and
       * returns its result (or raises its error). Only for LAMBDA data sources.
       */
      readonly direct?: true;
    }
  | {
      readonly kind: 'PIPELINE';
      readonly functions: readonly PipelineFunctionSpec<DataSource>[];
    };

export interface Manifest<Table extends string = string, DataSource extends string = string> {
  readonly tables: Readonly<Record<Table, TableSpec>>;
  readonly dataSources: Readonly<Record<DataSource, DataSourceSpec<Table>>>;
  /** Keyed by schema coordinate, `Type.field`. */
  readonly resolvers: Readonly<Record<string, ResolverSpec<DataSource>>>;
  /** AppSync environment variables (ctx.env), at most 50. */
  readonly environment: Readonly<Record<string, EnvironmentValue<Table>>>;
  /**
   * Fields of the schema that have no resolver yet, each with the reason. The manifest check accepts
   * a root field without a resolver only when it is listed here, and refuses an entry that has one.
   */
  readonly unresolved: Readonly<Record<string, string>>;
  /**
   * The API's protective limits, deployed as GraphqlApi's queryDepthLimit and resolverCountLimit
   * and applied by the local engine; AppSync's defaults (no depth limit, 10,000) when omitted.
   */
  readonly limits?: { readonly queryDepthLimit?: number; readonly resolverCountLimit?: number };
}

/** Declares a manifest; the type parameters make every data-source and table reference checked. */
export function defineManifest<const Table extends string, const DataSource extends string>(
  manifest: Manifest<Table, DataSource>,
): Manifest<Table, DataSource> {
  return manifest;
}

/** One piece of resolver code to bundle: a unit or pipeline resolver, or a pipeline function. */
export interface CodeUnit {
  /** `Type.field` for resolvers, `Type.field/NN.step` for pipeline functions. */
  readonly id: string;
  /** Path of the TypeScript source, relative to resolvers/. */
  readonly source: string;
  /** Path of the bundle, relative to the bundle directory. */
  readonly bundle: string;
}

/** Every code unit of the manifest, in a stable order: each resolver, then its functions. */
export function codeUnits(manifest: Manifest): CodeUnit[] {
  return Object.entries(manifest.resolvers).flatMap(([coordinate, resolver]) => {
    if (resolver.kind === 'UNIT' && resolver.direct) {
      return [];
    }
    const units = [unit(coordinate)];
    if (resolver.kind === 'PIPELINE') {
      units.push(...resolver.functions.map((fn) => unit(`${coordinate}/${fn.name}`)));
    }
    return units;
  });
}

function unit(id: string): CodeUnit {
  return { id, source: `${id}.ts`, bundle: `${id}.js` };
}
