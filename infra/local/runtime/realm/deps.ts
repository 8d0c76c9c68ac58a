import type { RealmHost } from './host';
import type { InvocationScope } from './invocation';

/**
 * What every util family is built from. Family code runs inside the sandbox's utils realm: it may
 * use ECMAScript built-ins (Intl included) and pure-JavaScript libraries, but no Node or Web API
 * (no Buffer, TextEncoder, atob, URL, crypto, timers). Time and randomness come from `host`, and
 * anything an invocation records goes into `scope.current`, never into module-level variables.
 */
export interface RealmDeps {
  readonly host: RealmHost;
  readonly scope: InvocationScope;
}
