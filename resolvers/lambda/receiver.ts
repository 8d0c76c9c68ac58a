import type { MutationReceiveMessagesArgs } from '../../generated/graphql';
import { storeHandler } from './store/handler';
import { receiveMessages } from './store/receive';

/** Receives: claiming in a loop, dead-lettering, long polling. */
export const handler = storeHandler({
  receiveMessages: (store, call) =>
    receiveMessages(store, call.arguments as unknown as MutationReceiveMessagesArgs),
});
