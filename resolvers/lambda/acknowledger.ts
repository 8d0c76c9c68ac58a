import type {
  MutationAcknowledgeMessageArgs,
  MutationAcknowledgeMessageBatchArgs,
  MutationChangeMessageVisibilityArgs,
} from '../../generated/graphql';
import {
  acknowledgeMessage,
  acknowledgeMessageBatch,
  changeMessageVisibility,
} from './store/acknowledge';
import { storeHandler } from './store/handler';

/** Acknowledgements and visibility changes: the message, its FIFO group, and the queue's events. */
export const handler = storeHandler({
  acknowledgeMessage: (store, call) =>
    acknowledgeMessage(store, call.arguments as unknown as MutationAcknowledgeMessageArgs),
  acknowledgeMessageBatch: (store, call) =>
    acknowledgeMessageBatch(
      store,
      call.arguments as unknown as MutationAcknowledgeMessageBatchArgs,
    ),
  changeMessageVisibility: (store, call) =>
    changeMessageVisibility(
      store,
      call.arguments as unknown as MutationChangeMessageVisibilityArgs,
    ),
});
