/** The engine's DynamoDB Local: start/stop the JVM, clients, and tables from the manifest. */
export { dynamoDbLocalClient } from './client';
export { dataDirCredentials, LOCAL_REGION, randomCredentials } from './credentials';
export type { LocalCredentials } from './credentials';
export {
  DynamoDbLocalStartError,
  type DynamoDbLocalStartErrorCode,
  JavaMissingError,
} from './errors';
export {
  type DynamoDbLocal,
  type DynamoDbLocalExit,
  type DynamoDbLocalOptions,
  startDynamoDbLocal,
} from './start';
export {
  createTables,
  physicalTableName,
  TableSchemaMismatchError,
  TableSpecError,
} from './tables';
