import { Expiration } from 'aws-cdk-lib';
import * as appsync from 'aws-cdk-lib/aws-appsync';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { readFileSync } from 'node:fs';
import type { Manifest } from '../../resolvers/manifest';
import type { StageSettings } from './stage';
import { tableNamed, type DeployedTables } from './tables';

/** The modes the API accepts, default first, named as AppSync (and the explorer) name them. */
export const AUTH_MODES = ['API_KEY', 'AMAZON_COGNITO_USER_POOLS', 'AWS_IAM'] as const;

export interface CourierApiProps {
  /** The deployable SDL: schema/schema.graphql. */
  readonly schemaFile: string;
  readonly manifest: Manifest;
  readonly tables: DeployedTables;
  readonly userPool: cognito.IUserPool;
  /** The only app client whose tokens the API accepts (as the local engine checks aud/client_id). */
  readonly userPoolClient: cognito.IUserPoolClient;
  readonly stage: StageSettings;
  readonly apiKeyExpires: Date;
}

/**
 * AppSync declares its own scalars and directives and refuses a schema that declares them again:
 * deploying the tools-only schema/appsync.graphql (or both files joined) fails late, so fail now.
 */
export function checkDeployableSchema(schemaFile: string): void {
  const sdl = readFileSync(schemaFile, 'utf8');
  const declaration = /^\s*(directive\s+@aws_\w+|scalar\s+AWS\w+)/m.exec(sdl);
  if (declaration) {
    throw new Error(
      `${schemaFile} declares AppSync's own "${declaration[1]}"; deploy schema/schema.graphql, not the tools-only schema/appsync.graphql.`,
    );
  }
}

/** The AppSync environment (ctx.env): literals and physical table names. */
function apiEnvironment(manifest: Manifest, tables: DeployedTables): Record<string, string> {
  return Object.fromEntries(
    Object.entries(manifest.environment).map(([key, value]) => {
      if (typeof value === 'string') {
        return [key, value];
      }
      if ('tableName' in value) {
        return [key, tableNamed(tables, value.tableName).table.tableName];
      }
      // The API's URL is an attribute of the API itself: CloudFormation cannot resolve the cycle.
      throw new Error(
        `AppSync environment variable ${key} names the API's own URL; only Lambda functions may.`,
      );
    }),
  );
}

/**
 * The GraphQL API: schema/schema.graphql, an API key as the default mode with Cognito user pools
 * and IAM beside it, resolver logs in CloudWatch and X-Ray traces.
 */
export class CourierApi extends Construct {
  readonly api: appsync.GraphqlApi;
  readonly apiKey: string;
  /** `wss://…appsync-realtime-api…/graphql`, for subscriptions. */
  readonly realtimeUrl: string;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: CourierApiProps) {
    super(scope, id);
    checkDeployableSchema(props.schemaFile);
    this.api = new appsync.GraphqlApi(this, 'Api', {
      name: `courier-${props.stage.stage}`,
      definition: appsync.Definition.fromFile(props.schemaFile),
      authorizationConfig: {
        defaultAuthorization: {
          authorizationType: appsync.AuthorizationType.API_KEY,
          apiKeyConfig: {
            description: 'Courier default API key',
            expires: Expiration.atDate(props.apiKeyExpires),
          },
        },
        additionalAuthorizationModes: [
          {
            authorizationType: appsync.AuthorizationType.USER_POOL,
            userPoolConfig: {
              userPool: props.userPool,
              // Without it AppSync accepts tokens of any app client of the pool.
              appIdClientRegex: `^${props.userPoolClient.userPoolClientId}$`,
            },
          },
          { authorizationType: appsync.AuthorizationType.IAM },
        ],
      },
      environmentVariables: apiEnvironment(props.manifest, props.tables),
      // The same limits the local engine applies (resolvers/index.ts).
      ...(props.manifest.limits?.queryDepthLimit
        ? { queryDepthLimit: props.manifest.limits.queryDepthLimit }
        : {}),
      ...(props.manifest.limits?.resolverCountLimit
        ? { resolverCountLimit: props.manifest.limits.resolverCountLimit }
        : {}),
      // No `logConfig` here: with it GraphqlApi adds a log-retention custom resource (a Lambda) and
      // a role that may write to any log group. Both are set up below instead.
      xrayEnabled: true,
    });
    const apiKey = this.api.apiKey;
    if (apiKey === undefined) {
      throw new Error('The API has no API key although API_KEY is its default mode.');
    }
    this.apiKey = apiKey;
    const cfnApi = this.api.node.defaultChild as appsync.CfnGraphQLApi;
    this.realtimeUrl = cfnApi.attrRealtimeUrl;

    // AppSync logs to this group by name; creating it here gives it the stage's retention and
    // removal policy, and lets the role below write to it alone.
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      logGroupName: `/aws/appsync/apis/${this.api.apiId}`,
      retention: props.stage.logRetention,
      removalPolicy: props.stage.removalPolicy,
    });
    const logRole = new iam.Role(this, 'LogsRole', {
      assumedBy: new iam.ServicePrincipal('appsync.amazonaws.com'),
      description: 'AppSync writes the Courier API resolver logs with this role',
    });
    // A separate policy resource (not inline): the group's name needs the API, which needs the role.
    logRole.addToPolicy(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
      }),
    );
    cfnApi.logConfig = {
      cloudWatchLogsRoleArn: logRole.roleArn,
      fieldLogLevel: props.stage.fieldLogLevel,
      excludeVerboseContent: props.stage.excludeVerboseContent,
    };
  }
}
