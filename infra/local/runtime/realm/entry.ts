/**
 * Entry point of the utils realm: esbuild bundles this file (and every util family) into one script
 * that the sandbox evaluates in a context of its own. Resolver code never sees this realm's objects:
 * the resolver realm copies every result across (see sandbox/resolver-realm.ts).
 */
import { createAppSyncApi, type AppSyncApi } from './api';
import { createScope, emptyRecord, isEmptyRecord } from './invocation';

export interface UtilsRealm {
  readonly api: AppSyncApi;
  /** Starts a fresh invocation record; what the previous invocation recorded is dropped. */
  begin(authType: string): void;
  /** Appends a console line to the current invocation. */
  log(line: string): void;
  /** The current invocation's record as JSON, or null when nothing was recorded. */
  recordJson(): string | null;
}

declare const globalThis: {
  __courierInstall?: (nowMs: () => number, randomHex: (count: number) => string) => UtilsRealm;
};

globalThis.__courierInstall = (nowMs, randomHex) => {
  // The host's functions stay in this closure: no object reachable from resolver code holds them.
  const host = {
    nowMs: (): number => Number(nowMs()),
    randomHex: (count: number): string => String(randomHex(count)),
  };
  const scope = createScope();
  const api = createAppSyncApi({ host, scope });
  return {
    api,
    begin(authType) {
      scope.current = emptyRecord();
      scope.info = { authType };
    },
    log(line) {
      scope.current.logs.push(line);
    },
    recordJson() {
      return isEmptyRecord(scope.current) ? null : JSON.stringify(scope.current);
    },
  };
};
