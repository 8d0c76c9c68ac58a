import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import type { StageSettings } from './stage';

/** The Cognito group the schema's `@aws_cognito_user_pools(cognito_groups: ["admins"])` names. */
export const ADMINS_GROUP = 'admins';

/**
 * Courier's users: a user pool without self sign-up (administrators create users), the `admins`
 * group, and one public client for browsers and scripts to obtain tokens with.
 */
export class Users extends Construct {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;

  constructor(scope: Construct, id: string, stage: StageSettings) {
    super(scope, id);
    this.userPool = new cognito.UserPool(this, 'Pool', {
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      deletionProtection: stage.deletionProtection,
      removalPolicy: stage.removalPolicy,
    });
    new cognito.CfnUserPoolGroup(this, 'AdminsGroup', {
      userPoolId: this.userPool.userPoolId,
      groupName: ADMINS_GROUP,
      description: 'Queue administrators: create, delete, purge and redrive queues.',
    });
    // No secret: the client runs where a secret cannot be kept. USER_PASSWORD_AUTH lets the AWS
    // CLI fetch a token for curl and the explorer; SRP is what Amplify uses. No hosted UI (OAuth).
    this.client = this.userPool.addClient('Client', {
      generateSecret: false,
      disableOAuth: true,
      authFlows: { userSrp: true, userPassword: true },
      preventUserExistenceErrors: true,
    });
  }
}
