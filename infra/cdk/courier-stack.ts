import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { Manifest } from '../../resolvers/manifest';
import { AUTH_MODES, CourierApi } from './api';
import { createDataSources } from './data-sources';
import { checkExplorerBuilt, ExplorerSite } from './explorer-site';
import { createFunctions, type DeployedFunctions } from './functions';
import { checkBundles, createResolvers, type Bundles } from './resolvers';
import { stageSettings, type Stage } from './stage';
import { createTables, type DeployedTables } from './tables';
import { Users } from './users';

export interface CourierStackProps extends StackProps {
  readonly manifest: Manifest;
  /** The deployable SDL, schema/schema.graphql (never schema/appsync.graphql). */
  readonly schemaFile: string;
  /** The folder holding the manifest's `resolvers/` (Lambda entries are relative to it). */
  readonly root: string;
  /** The folder with package-lock.json and the node_modules Lambda entries import. */
  readonly projectRoot: string;
  /** The code of every resolver bundle, by code-unit id. */
  readonly bundles: Bundles;
  /** The built explorer page (dist/explorer). */
  readonly explorerDir: string;
  readonly stage: Stage;
  readonly apiKeyExpires: Date;
}

/**
 * Courier on AWS, read from the manifest alone: its tables, Lambda functions, data sources and
 * resolvers on the AppSync API from schema/, the Cognito users, and the explorer page.
 */
export class CourierStack extends Stack {
  readonly api: CourierApi;
  readonly users: Users;
  readonly tables: DeployedTables;
  readonly functions: DeployedFunctions;
  readonly explorer: ExplorerSite;

  constructor(scope: Construct, id: string, props: CourierStackProps) {
    super(scope, id, props);
    const { manifest } = props;
    const stage = stageSettings(props.stage);
    // Inputs first: a missing bundle or page fails at once, not after the Lambdas are bundled.
    checkBundles(manifest, props.bundles);
    checkExplorerBuilt(props.explorerDir);

    // One scope per kind, so manifest names of different kinds can never collide as construct ids.
    this.users = new Users(this, 'Users', stage);
    this.tables = createTables(new Construct(this, 'Tables'), manifest, stage);
    this.api = new CourierApi(this, 'GraphQL', {
      schemaFile: props.schemaFile,
      manifest,
      tables: this.tables,
      userPool: this.users.userPool,
      userPoolClient: this.users.client,
      stage,
      apiKeyExpires: props.apiKeyExpires,
    });
    const { api } = this.api;
    this.functions = createFunctions(new Construct(this, 'Functions'), {
      manifest,
      root: props.root,
      projectRoot: props.projectRoot,
      tables: this.tables,
      api,
      stage,
    });
    const dataSources = createDataSources(new Construct(this, 'DataSources'), {
      manifest,
      api,
      tables: this.tables,
      functions: this.functions,
    });
    createResolvers(new Construct(this, 'Resolvers'), {
      manifest,
      api,
      dataSources,
      bundles: props.bundles,
    });

    this.explorer = new ExplorerSite(this, 'Explorer', {
      explorerDir: props.explorerDir,
      config: {
        graphqlUrl: api.graphqlUrl,
        realtimeUrl: this.api.realtimeUrl,
        apiKey: this.api.apiKey,
        authModes: [...AUTH_MODES],
      },
    });

    const outputs: Record<string, [string, string]> = {
      GraphQLUrl: [api.graphqlUrl, 'GraphQL endpoint (HTTPS)'],
      RealtimeUrl: [this.api.realtimeUrl, 'Realtime endpoint for subscriptions (WSS)'],
      ApiId: [api.apiId, 'AppSync API id (aws appsync list-api-keys --api-id <ApiId>)'],
      UserPoolId: [this.users.userPool.userPoolId, 'Cognito user pool'],
      UserPoolClientId: [this.users.client.userPoolClientId, 'Cognito app client (no secret)'],
      ExplorerUrl: [this.explorer.url, 'The explorer page'],
    };
    for (const [name, [value, description]] of Object.entries(outputs)) {
      new CfnOutput(this, name, { value, description });
    }
  }
}
