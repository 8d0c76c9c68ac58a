import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { EnvironmentValue, Manifest } from '../../resolvers/manifest';
import { manifest as courierManifest } from '../../resolvers/index';
import { ensureExplorerBuilt, explorerAssets } from '../explorer/build';
import { projectRoot } from '../build/paths';
import { createAuthenticator } from './auth/authenticate';
import { openLocalIssuer } from './auth/local-issuer';
import type { AuthMode } from './auth/modes';
import { dataDirLayout, resolveDataDir } from './data-dir';
import { acquireDataDirLock } from './data-dir-lock';
import { createDynamoDbDataSource } from './datasources/dynamodb/index';
import { createLambdaDataSource } from './datasources/lambda/lambda-data-source';
import { createNoneDataSource } from './datasources/none';
import type { DataSource } from './datasources/types';
import { dynamoDbLocalClient } from './dynamodb-local/client';
import { dataDirCredentials } from './dynamodb-local/credentials';
import { startDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local/start';
import { createTables, physicalTableName } from './dynamodb-local/tables';
import { createEngine, type Engine } from './engine/engine';
import { withQueryLimits } from './engine/limits';
import { engineAuth } from './engine/execution/auth';
import type { RequestLog } from './engine/handle-request';
import { buildAppSyncSchema } from './engine/schema';
import { startHttpServer, type RunningHttpServer, type StaticFile } from './http/server';
import { ensureLocalCertificate, type LocalCertificate } from './http/tls';
import { attachRealtime } from './realtime/index';
import { loadResolverCode } from './resolver-code';

/** The API a local engine serves: Courier's own unless a test brings another. */
export interface LocalApiDefinition {
  /** The deployable SDL (schema/schema.graphql's text). */
  readonly sdl: string;
  readonly manifest: Manifest;
  /** The folder holding `resolvers/` (resolver sources and Lambda entries). */
  readonly root: string;
}

export interface LocalApiOptions {
  /** 0 picks a free port (the default here; the command line defaults to 4000). */
  readonly port?: number;
  /** The API key; DEFAULT_API_KEY when omitted. */
  readonly apiKey?: string;
  /** The data directory (DynamoDB's files, the local user pool); `.courier/` when omitted. */
  readonly dataDir?: string;
  /** Keep DynamoDB's data in memory: gone when the engine stops. */
  readonly inMemory?: boolean;
  readonly api?: LocalApiDefinition;
  /** Serve the explorer at `/` (default true). */
  readonly explorer?: boolean;
  /** Serve HTTPS and WSS with a certificate kept in the data directory. */
  readonly https?: boolean;
  /** One line per request; none when omitted. */
  readonly onRequestLog?: (log: RequestLog) => void;
  /** Resolver and Lambda console output, engine notes; stderr when omitted. */
  readonly onLog?: (line: string) => void;
  /** Start-up steps, as they happen. */
  readonly onProgress?: (step: string) => void;
  /** Epoch milliseconds for resolvers (util.time); Date.now when omitted. */
  readonly clock?: () => number;
  /**
   * Wraps DynamoDB Local's endpoint before the engine's data sources and the Lambdas get it, for
   * tools that observe traffic (bench/). `dynamodb.endpoint` stays DynamoDB Local's own.
   */
  readonly dynamodbEndpoint?: (endpoint: string) => Promise<string> | string;
}

export interface LocalApi {
  /** `http://127.0.0.1:PORT/graphql`. */
  readonly url: string;
  /** `ws://127.0.0.1:PORT/graphql/realtime`. */
  readonly realtimeUrl: string;
  readonly explorerUrl: string;
  readonly apiKey: string;
  readonly dataDir: string;
  readonly port: number;
  /** DynamoDB Local behind the engine, for tests and tools. */
  readonly dynamodb: Pick<DynamoDbLocal, 'endpoint' | 'region' | 'credentials' | 'pid'>;
  readonly engine: Engine;
  /** With `https`: the certificate served, and the CA file clients trust. */
  readonly certificate?: LocalCertificate;
  /** Stops the server, the data sources and DynamoDB Local; resolves when all are gone. */
  stop(): Promise<void>;
}

/** A fixed, printed key: local data is not secret, and a stable key keeps clients configured. */
export const DEFAULT_API_KEY = 'da2-courierlocaldevelopmentkey0';

/**
 * Execution environments per function. Lambda scales out per request; locally each environment
 * is a worker thread, started on demand, and long polls hold one for up to 20 s each.
 */
const LAMBDA_CONCURRENCY = 16;

const GRAPHQL_PATH = '/graphql';
/** Where AppSync's clients look for the realtime endpoint of a non-AppSync host [realtime §1.1]. */
const REALTIME_PATH = `${GRAPHQL_PATH}/realtime`;
const DEFAULT_MODE: AuthMode = 'API_KEY';
const ADDITIONAL_MODES: readonly AuthMode[] = ['AMAZON_COGNITO_USER_POOLS', 'AWS_IAM'];

/** Courier's own API: schema/, the manifest, resolvers/. */
export async function courierApi(): Promise<LocalApiDefinition> {
  return {
    sdl: await readFile(path.join(projectRoot, 'schema', 'schema.graphql'), 'utf8'),
    manifest: courierManifest,
    root: projectRoot,
  };
}

/**
 * Starts the local AppSync engine: DynamoDB Local with the manifest's tables, the resolver
 * bundles (checked as AppSync checks them), the data sources, authorization, and the HTTP
 * server with the explorer. Anything that fails on the way stops what already started.
 */
export async function startLocalApi(options: LocalApiOptions = {}): Promise<LocalApi> {
  const api = options.api ?? (await courierApi());
  const dataDir = resolveDataDir(options.dataDir);
  const layout = dataDirLayout(dataDir);
  const apiKey = options.apiKey ?? DEFAULT_API_KEY;
  const progress = options.onProgress ?? (() => undefined);
  await mkdir(dataDir, { recursive: true }).catch((error: unknown) => {
    throw new Error(
      `cannot use data directory ${dataDir}: ${(error as Error).message}; pass --data-dir with a directory this user can write.`,
      { cause: error },
    );
  });

  const cleanups: (() => Promise<void>)[] = [];
  const stopAll = async (): Promise<void> => {
    for (const cleanup of cleanups.splice(0).reverse()) {
      await cleanup().catch(() => undefined);
    }
  };
  // One engine per persistent database: a second would share DynamoDB Local's files.
  const lock = options.inMemory ? undefined : acquireDataDirLock(dataDir, layout.lock, progress);
  cleanups.push(async () => lock?.release());
  try {
    const schema = buildAppSyncSchema(api.sdl);
    progress('Starting DynamoDB Local');
    const dynamodbStart = startDynamoDbLocal({
      credentials: dataDirCredentials(layout.credentials, layout.dynamodb),
      ...(options.inMemory ? {} : { dataDir: layout.dynamodb }),
    });
    // Whatever else fails, the JVM must be stopped once it is up.
    dynamodbStart.then(
      (instance) => cleanups.push(() => instance.stop()),
      () => undefined,
    );
    const resolverBuildDir = path.join(
      layout.build,
      'resolvers',
      api === options.api ? 'custom' : 'courier',
    );
    const [dynamodb, code, issuer, files] = await Promise.all([
      dynamodbStart,
      loadResolverCode({
        manifest: api.manifest,
        resolversDir: path.join(api.root, 'resolvers'),
        outDir: resolverBuildDir,
      }),
      openLocalIssuer(layout.issuer),
      options.explorer === false ? Promise.resolve(new Map<string, StaticFile>()) : loadExplorer(),
    ]);
    progress(`DynamoDB Local ready in ${Math.round(dynamodb.readyInMs)} ms`);
    lock?.recordJvm(dynamodb.pid);

    const endpoint = options.dynamodbEndpoint
      ? await options.dynamodbEndpoint(dynamodb.endpoint)
      : dynamodb.endpoint;
    const client = dynamoDbLocalClient({ ...dynamodb, endpoint });
    cleanups.push(async () => client.destroy());
    await createTables(client, api.manifest.tables, physicalTableName);

    const tableName = (logical: string): string => physicalTableName(logical);
    // The API's URL is known once the server listens; Lambdas read it when they first start.
    let graphqlUrl = '';
    const resolveEnvironment = (
      environment: Readonly<Record<string, EnvironmentValue<string>>>,
    ): Record<string, string> =>
      Object.fromEntries(
        Object.entries(environment)
          .filter(([, value]) => typeof value === 'string' || 'tableName' in value)
          .map(([key, value]) => [
            key,
            typeof value === 'string'
              ? value
              : tableName((value as { tableName: string }).tableName),
          ]),
      );
    const apiEnvironment = (
      environment: Readonly<Record<string, EnvironmentValue<string>>>,
    ): Record<string, string> =>
      Object.fromEntries(
        Object.entries(environment)
          .filter(([, value]) => typeof value !== 'string' && 'api' in value)
          .map(([key]) => [key, graphqlUrl]),
      );
    const tokenSecret = randomBytes(32);
    const dataSources: Record<string, DataSource> = {};
    for (const [name, spec] of Object.entries(api.manifest.dataSources)) {
      if (spec.kind === 'DYNAMODB') {
        dataSources[name] = createDynamoDbDataSource({
          client,
          tableName: tableName(spec.table),
          tokenSecret,
        });
      } else if (spec.kind === 'LAMBDA') {
        const lambda = createLambdaDataSource({
          name,
          spec,
          projectRoot: api.root,
          buildDir: path.join(layout.build, 'lambda'),
          environment: {
            ...resolveEnvironment(spec.environment ?? {}),
            // The AWS SDK's own variables: handler code needs nothing local-specific.
            AWS_ENDPOINT_URL_DYNAMODB: endpoint,
            AWS_REGION: dynamodb.region,
            AWS_ACCESS_KEY_ID: dynamodb.credentials.accessKeyId,
            AWS_SECRET_ACCESS_KEY: dynamodb.credentials.secretAccessKey,
            AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
          },
          lateEnvironment: () => apiEnvironment(spec.environment ?? {}),
          poolSize: LAMBDA_CONCURRENCY,
          ...(options.clock ? { clock: options.clock } : {}),
          ...(options.onLog ? { onLog: options.onLog } : {}),
        });
        cleanups.push(() => lambda.close());
        await lambda.build();
        dataSources[name] = lambda;
      } else {
        dataSources[name] = createNoneDataSource();
      }
    }

    const authenticator = createAuthenticator({
      defaultMode: DEFAULT_MODE,
      additionalModes: ADDITIONAL_MODES,
      apiKeys: [apiKey],
      issuer,
      iamCredentials: dynamodb.credentials,
      ...(options.clock ? { clock: options.clock } : {}),
    });
    const limits = api.manifest.limits ?? {};
    const engine = withQueryLimits(
      createEngine({
        schema,
        manifest: api.manifest,
        code,
        dataSources,
        auth: engineAuth(authenticator, schema, DEFAULT_MODE),
        environment: resolveEnvironment(api.manifest.environment),
        ...(options.clock ? { clock: options.clock } : {}),
        ...(options.onLog ? { log: options.onLog } : {}),
        ...(limits.resolverCountLimit ? { resolverCountLimit: limits.resolverCountLimit } : {}),
      }),
      limits,
    );

    // The page's configuration names the port, known only once the server listens.
    let origin = '';
    const config = () => ({
      graphqlUrl: `${origin}${GRAPHQL_PATH}`,
      realtimeUrl: `${origin.replace(/^http/, 'ws')}${REALTIME_PATH}`,
      apiKey,
      authModes: [DEFAULT_MODE, ...ADDITIONAL_MODES],
    });
    const certificate = options.https ? await ensureLocalCertificate(dataDir) : undefined;
    const running: RunningHttpServer = await startHttpServer({
      engine,
      port: options.port ?? 0,
      files,
      explorerConfig: config,
      ...(certificate ? { tls: { key: certificate.key, cert: certificate.cert } } : {}),
      ...(options.onRequestLog ? { onRequestLog: options.onRequestLog } : {}),
    });
    origin = running.origin;
    graphqlUrl = `${running.origin}${GRAPHQL_PATH}`;
    cleanups.push(() => running.close());
    const realtime = attachRealtime(running.server, {
      path: REALTIME_PATH,
      graphqlPath: GRAPHQL_PATH,
      auth: engine.auth,
      subscriptions: engine,
      ...(options.onLog ? { onLog: options.onLog } : {}),
    });
    cleanups.push(() => realtime.close());

    return {
      url: `${running.origin}/graphql`,
      realtimeUrl: `${running.origin.replace(/^http/, 'ws')}${REALTIME_PATH}`,
      explorerUrl: `${running.origin}/`,
      apiKey,
      dataDir,
      port: running.port,
      dynamodb,
      engine,
      ...(certificate ? { certificate } : {}),
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** The explorer's files, built on first use into dist/explorer and reused while current. */
async function loadExplorer(): Promise<Map<string, StaticFile>> {
  const dir = path.join(projectRoot, 'dist', 'explorer');
  await ensureExplorerBuilt(dir);
  return explorerAssets(dir);
}

/** Removes a data directory (tests use throwaway ones). */
export async function removeDataDir(dataDir: string): Promise<void> {
  await rm(dataDir, { recursive: true, force: true });
}
