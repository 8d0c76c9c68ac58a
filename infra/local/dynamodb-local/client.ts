import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDbLocal } from './start';

/**
 * An AWS SDK client for a running DynamoDB Local, with its endpoint, region and credentials (which
 * select the database DynamoDB Local serves).
 */
export function dynamoDbLocalClient(
  instance: Pick<DynamoDbLocal, 'endpoint' | 'region' | 'credentials'>,
): DynamoDBClient {
  return new DynamoDBClient({
    endpoint: instance.endpoint,
    region: instance.region,
    credentials: { ...instance.credentials }, // the SDK writes into it
  });
}
