import { runtime, type Context, type LambdaRequest } from '@aws-appsync/utils';
import type { Message } from '../../generated/graphql';
import type { QueueItem } from '../lib/queue-record';
import { callStore, storeResult } from '../lib/store-call';

/**
 * A FIFO send goes to the sender function: its sequence number needs a conditional write on the
 * group retried when another send wins, which a resolver cannot loop over. Standard sends already
 * have their message and skip this step.
 */
export function request(ctx: Context): LambdaRequest {
  const previous = ctx.prev.result as QueueItem | Message;
  if (!Object.hasOwn(previous, 'type') || (previous as QueueItem).type === 'STANDARD') {
    return runtime.earlyReturn(previous);
  }
  return callStore(ctx);
}

export function response(ctx: Context): Message {
  return storeResult<Message>(ctx);
}
