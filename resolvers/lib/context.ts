import type { Context } from '@aws-appsync/utils';

/** The context of a root-field resolver: typed arguments, stash and data-source result. */
export type RootContext<
  Args,
  Result = unknown,
  Stash extends Record<string, unknown> = Record<string, never>,
> = Context<Args, Stash, undefined, undefined, Result>;
