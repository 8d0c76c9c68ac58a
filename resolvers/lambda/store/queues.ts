import { checkQueueName } from '../../lib/queue-name';
import type { QueueItem } from '../../lib/queue-record';
import type { Models } from './models';
import { queueNotFound, refuseIf } from './outcome';

/** A queue's settings, read strongly consistent; refuses an invalid or unknown name. */
export async function loadQueue(models: Models, field: string, name: string): Promise<QueueItem> {
  refuseIf(checkQueueName(field, name));
  const found = await models.queues.get({ name }, { consistent: true });
  if (!found) {
    return queueNotFound(field, name);
  }
  return found.toJSON() as QueueItem;
}
