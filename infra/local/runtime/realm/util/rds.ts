import type { RdsUtil } from '@aws-appsync/utils/lib/rds-utils';
import type { RealmDeps } from '../deps';
import { rdsResultToJson } from './rds-result';

/** `util.rds`: reading RDS Data API results. It records nothing, so `deps` is unused. */
export function createRdsUtils(_deps: RealmDeps): RdsUtil {
  return {
    toJsonObject: (serializedSQLResult: unknown) => rdsResultToJson(serializedSQLResult),
  };
}
