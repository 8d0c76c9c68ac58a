import type { Util } from '@aws-appsync/utils';
import type { RealmDeps } from './deps';
import { createExtensions, createRuntime } from './control';
import { createAiModule } from './modules/ai';
import { createDynamoDBModule } from './modules/dynamodb';
import { createRdsModule } from './modules/rds';
import { createCoreUtils } from './util/core';
import { createDynamoDBUtils } from './util/dynamodb';
import { createHttpUtils } from './util/http';
import { createMathUtils } from './util/math';
import { createRdsUtils } from './util/rds';
import { createStringUtils } from './util/str';
import { createTimeUtils } from './util/time';
import { createTransformUtils } from './util/transform';
import { createXmlUtils } from './util/xml';

/** The module specifiers AppSync resolves, and what each exports. */
export type AppSyncModules = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

export interface AppSyncApi {
  readonly util: Util;
  readonly extensions: ReturnType<typeof createExtensions>;
  readonly runtime: ReturnType<typeof createRuntime>;
  readonly modules: AppSyncModules;
}

/** Assembles everything @aws-appsync/utils declares, from one family module each. */
export function createAppSyncApi(deps: RealmDeps): AppSyncApi {
  const util: Util = {
    ...createCoreUtils(deps),
    time: createTimeUtils(deps),
    dynamodb: createDynamoDBUtils(deps),
    rds: createRdsUtils(deps),
    http: createHttpUtils(deps),
    xml: createXmlUtils(deps),
    transform: createTransformUtils(deps),
    math: createMathUtils(deps),
    str: createStringUtils(deps),
  };
  const extensions = createExtensions(deps);
  const runtime = createRuntime(deps);
  return {
    util,
    extensions,
    runtime,
    modules: {
      '@aws-appsync/utils': { util, extensions, runtime },
      '@aws-appsync/utils/dynamodb': createDynamoDBModule(deps),
      '@aws-appsync/utils/rds': createRdsModule(deps),
      '@aws-appsync/utils/ai': createAiModule(deps),
    },
  };
}
