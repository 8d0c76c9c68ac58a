import type { RuntimeData } from './protocol';

/** Lambda's defaults when the manifest does not say [resolvers/manifest.ts]. */
export const DEFAULT_TIMEOUT_SECONDS = 10;
export const DEFAULT_MEMORY_MB = 512;
/** The account id in local ARNs: not a real account. */
const LOCAL_ACCOUNT = '000000000000';
const FUNCTION_VERSION = '$LATEST';

export interface FunctionIdentity {
  readonly functionName: string;
  readonly handlerName: string;
  readonly memoryMb: number;
  /** The engine's AWS_REGION: Lambda sets AWS_REGION and AWS_DEFAULT_REGION to it. */
  readonly region: string;
  /** Absolute path of the bundled module, `<dir>/index.mjs`. */
  readonly modulePath: string;
}

/** What the worker's runtime needs to build each invocation's context. */
export function runtimeData(identity: FunctionIdentity): RuntimeData {
  const logGroupName = `/aws/lambda/${identity.functionName}`;
  return {
    modulePath: identity.modulePath,
    handlerName: identity.handlerName,
    handlerString: `index.${identity.handlerName}`,
    functionName: identity.functionName,
    functionVersion: FUNCTION_VERSION,
    invokedFunctionArn: `arn:aws:lambda:${identity.region}:${LOCAL_ACCOUNT}:function:${identity.functionName}`,
    memoryLimitInMB: String(identity.memoryMb),
    logGroupName,
    logStreamName: `local/[${FUNCTION_VERSION}]${identity.functionName}`,
  };
}

/**
 * The worker's `process.env`: the function's own environment (from the manifest, plus what the
 * engine adds: the DynamoDB endpoint, region and credentials) and the variables Lambda itself
 * defines for every Node.js function. Nothing of the engine's own environment leaks in but PATH.
 */
export function lambdaEnvironment(
  identity: FunctionIdentity,
  environment: Readonly<Record<string, string>>,
  taskRoot: string,
): Record<string, string> {
  const data = runtimeData(identity);
  const region = identity.region;
  return {
    ...(process.env['PATH'] === undefined ? {} : { PATH: process.env['PATH'] }),
    LANG: 'en_US.UTF-8',
    LAMBDA_TASK_ROOT: taskRoot,
    _HANDLER: data.handlerString,
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs20.x',
    AWS_LAMBDA_FUNCTION_NAME: identity.functionName,
    AWS_LAMBDA_FUNCTION_VERSION: data.functionVersion,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: data.memoryLimitInMB,
    AWS_LAMBDA_LOG_GROUP_NAME: data.logGroupName,
    AWS_LAMBDA_LOG_STREAM_NAME: data.logStreamName,
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_DEFAULT_REGION: region,
    ...environment,
    AWS_REGION: region,
  };
}
