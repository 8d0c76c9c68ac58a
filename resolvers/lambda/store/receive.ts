import type { Delivery, MutationReceiveMessagesArgs } from '../../../generated/graphql';
import { QueueLimits } from '../../lib/limits';
import { MessageLimits } from '../../lib/message-input';
import { checkRange, firstProblem } from '../../lib/problems';
import { claimFifo, claimStandard } from './claim';
import { toDelivery } from './delivery';
import { refuseIf } from './outcome';
import { loadQueue } from './queues';
import type { Store } from './store';

/**
 * receiveMessages: claims up to maxMessages under the visibility timeout. With waitTimeSeconds it
 * looks again every poll interval and answers as soon as it has claimed anything.
 */
export async function receiveMessages(
  store: Store,
  args: MutationReceiveMessagesArgs,
): Promise<Delivery[]> {
  const queue = await loadQueue(store.models, 'queue', args.queue);
  const limits = QueueLimits.visibilityTimeoutSeconds;
  refuseIf(
    firstProblem([
      checkRange('maxMessages', args.maxMessages, 1, MessageLimits.receiveMax),
      checkRange('visibilityTimeoutSeconds', args.visibilityTimeoutSeconds, limits.min, limits.max),
      checkRange(
        'waitTimeSeconds',
        args.waitTimeSeconds,
        MessageLimits.waitTimeSeconds.min,
        MessageLimits.waitTimeSeconds.max,
      ),
    ]),
  );
  const request = {
    want: args.maxMessages ?? 1,
    visibilityMs: (args.visibilityTimeoutSeconds ?? queue.visibilityTimeoutSeconds) * 1000,
  };
  const claim = queue.type === 'FIFO' ? claimFifo : claimStandard;
  const deadline = Date.now() + (args.waitTimeSeconds ?? 0) * 1000;
  for (;;) {
    const claimed = await claim(store, queue, request);
    const left = deadline - Date.now();
    if (claimed.length > 0 || left <= 0) {
      return claimed.map(toDelivery);
    }
    await new Promise((resolve) =>
      setTimeout(resolve, Math.min(store.config.pollIntervalMs, left)),
    );
  }
}
