import type { Delivery } from '../../../generated/graphql';
import { toMessage, type MessageItem } from '../../lib/message-record';

/** The GraphQL Delivery of a message just claimed (it has a receipt handle). */
export function toDelivery(item: MessageItem): Delivery {
  return {
    receiptHandle: item.receiptHandle ?? '',
    receiveCount: item.receiveCount,
    firstReceivedAt: new Date(item.firstReceivedAt ?? item.readyAt).toISOString(),
    visibleUntil: new Date(item.readyAt).toISOString(),
    message: toMessage(item),
  };
}
