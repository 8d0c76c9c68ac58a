/**
 * The identity the engine uses with DynamoDB Local. DynamoDB Local keeps one database per access
 * key and region (it runs without -sharedDb), so every client of one data directory must use these
 * same values; they live here, in one place, so that choosing them per data directory later
 * changes one module.
 */
export const LOCAL_REGION = 'us-east-1';

/**
 * Fixed for now: DynamoDB Local checks no signature, only which database the key selects. A
 * function returning a fresh object, because the AWS SDK writes into the credentials it is given.
 */
export function localCredentials(): { accessKeyId: string; secretAccessKey: string } {
  return { accessKeyId: 'courier', secretAccessKey: 'courier' };
}
