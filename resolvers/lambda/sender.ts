import type {
  MutationSendMessageArgs,
  MutationSendMessageBatchArgs,
} from '../../generated/graphql';
import { storeHandler } from './store/handler';
import { sendMessage, sendMessageBatch } from './store/send';

/** FIFO sends (sequence numbers and deduplication need a retry loop) and batch sends. */
export const handler = storeHandler({
  sendMessage: (store, call) =>
    sendMessage(store, (call.arguments as MutationSendMessageArgs).input),
  sendMessageBatch: (store, call) =>
    sendMessageBatch(store, (call.arguments as MutationSendMessageBatchArgs).input),
});
