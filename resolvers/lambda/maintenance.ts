import type { MutationRedriveMessagesArgs } from '../../generated/graphql';
import { storeHandler } from './store/handler';
import { purgeQueue, queueStats, redriveMessages } from './store/maintenance';

/** Whole-queue work: purge, redrive from a dead-letter queue, statistics. */
export const handler = storeHandler({
  purgeQueue: (store, call) => purgeQueue(store, String(call.arguments['name'])),
  redriveMessages: (store, call) =>
    redriveMessages(store, call.arguments as unknown as MutationRedriveMessagesArgs),
  stats: (store, call) => queueStats(store, String(call.source?.['name'])),
});
