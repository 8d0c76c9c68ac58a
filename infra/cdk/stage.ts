import { RemovalPolicy } from 'aws-cdk-lib';
import { FieldLogLevel } from 'aws-cdk-lib/aws-appsync';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';

/** The stages one account can hold side by side (`-c stage=prod`); `dev` when none is given. */
export const stages = ['dev', 'prod'] as const;
export type Stage = (typeof stages)[number];

/** What differs between stages: prod keeps its data and says less in its logs. */
export interface StageSettings {
  readonly stage: Stage;
  /** For tables, the user pool and log groups: prod keeps them when they leave the stack. */
  readonly removalPolicy: RemovalPolicy;
  /** DynamoDB and Cognito refuse to delete a protected table or user pool, even by hand. */
  readonly deletionProtection: boolean;
  /** ALL logs every resolver's request and response: worth it while developing, costly in prod. */
  readonly fieldLogLevel: FieldLogLevel;
  /** Verbose resolver logs carry request headers and full contexts: kept out of prod's logs. */
  readonly excludeVerboseContent: boolean;
  readonly logRetention: RetentionDays;
}

const settings: Record<Stage, StageSettings> = {
  dev: {
    stage: 'dev',
    removalPolicy: RemovalPolicy.DESTROY,
    deletionProtection: false,
    fieldLogLevel: FieldLogLevel.ALL,
    excludeVerboseContent: false,
    logRetention: RetentionDays.ONE_WEEK,
  },
  prod: {
    stage: 'prod',
    removalPolicy: RemovalPolicy.RETAIN,
    deletionProtection: true,
    fieldLogLevel: FieldLogLevel.ERROR,
    excludeVerboseContent: true,
    logRetention: RetentionDays.THREE_MONTHS,
  },
};

export function stageSettings(stage: Stage): StageSettings {
  return settings[stage];
}

/** The stage named by the `stage` context value; `dev` when it is absent. */
export function parseStage(value: unknown): Stage {
  if (value === undefined) {
    return 'dev';
  }
  const stage = stages.find((candidate) => candidate === value);
  if (stage === undefined) {
    throw new Error(
      `Unknown stage ${JSON.stringify(value)} (context "stage", as in \`-c stage=prod\`); allowed: ${stages.join(', ')}.`,
    );
  }
  return stage;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** AppSync accepts an API key expiry 1 to 365 days after the request that sets it. */
const API_KEY_MIN_DAYS = 1;
const API_KEY_MAX_DAYS = 365;

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * When the API key expires. The `apiKeyExpires` context value (YYYY-MM-DD) when given; otherwise
 * 365 days after the first day of the current month (UTC): the same all month, so synth is
 * repeatable and `cdk diff` stays quiet, and always within the range AppSync accepts. Each
 * deployment in a new month moves the expiry on; the key itself stays the same.
 */
export function apiKeyExpiry(value: unknown, now: Date): Date {
  if (value === undefined) {
    const monthStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
    return new Date(monthStart + API_KEY_MAX_DAYS * DAY_MS);
  }
  const earliest = new Date(now.getTime() + API_KEY_MIN_DAYS * DAY_MS);
  const latest = new Date(now.getTime() + API_KEY_MAX_DAYS * DAY_MS);
  const allowed = `a date (YYYY-MM-DD) after ${earliest.toISOString()} and at most ${isoDate(latest)}`;
  const date =
    typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
      ? new Date(`${value}T00:00:00Z`)
      : undefined;
  if (date === undefined || Number.isNaN(date.getTime()) || isoDate(date) !== value) {
    throw new Error(`apiKeyExpires is ${JSON.stringify(value)}; expected ${allowed}.`);
  }
  if (date <= earliest || date > latest) {
    throw new Error(
      `apiKeyExpires is ${value}, which AppSync refuses: it accepts 1 to 365 days from now, ${allowed}.`,
    );
  }
  return date;
}

/** Reads `stage` and `apiKeyExpires` from CDK context (`-c stage=prod -c apiKeyExpires=...`). */
export function deploymentContext(
  context: (key: string) => unknown,
  now: Date,
): { stage: Stage; apiKeyExpires: Date } {
  return {
    stage: parseStage(context('stage')),
    apiKeyExpires: apiKeyExpiry(context('apiKeyExpires'), now),
  };
}
