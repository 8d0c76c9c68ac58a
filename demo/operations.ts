/** The GraphQL documents the demo sends (schema/schema.graphql is the contract). */

/** Every message field: onMessageSent subscribers get only what the sender selected. */
const MESSAGE_FIELDS = 'queue id body groupId deduplicationId sequenceNumber sentAt duplicate';

export const CREATE_QUEUE = `mutation ($input: CreateQueueInput!) {
  createQueue(input: $input) { name type visibilityTimeoutSeconds deadLetterQueue maxReceiveCount }
}`;

export const SEND_MESSAGE = `mutation ($input: SendMessageInput!) {
  sendMessage(input: $input) { ${MESSAGE_FIELDS} }
}`;

export const SEND_MESSAGE_BATCH = `mutation ($input: SendMessageBatchInput!) {
  sendMessageBatch(input: $input) {
    successful { id message { ${MESSAGE_FIELDS} } }
    failed { id errorType message }
  }
}`;

export const RECEIVE_MESSAGES = `mutation ($queue: String!, $waitTimeSeconds: Int) {
  receiveMessages(queue: $queue, maxMessages: 1, waitTimeSeconds: $waitTimeSeconds) {
    receiptHandle receiveCount message { id body groupId sequenceNumber }
  }
}`;

export const ACKNOWLEDGE_MESSAGE = `mutation ($queue: String!, $receiptHandle: String!) {
  acknowledgeMessage(queue: $queue, receiptHandle: $receiptHandle) { messageId }
}`;

export const QUEUE_STATS = `query ($name: String!) {
  queue(name: $name) { name stats { available inFlight delayed } }
}`;

export const ON_MESSAGE_SENT = `subscription ($queue: String!) {
  onMessageSent(queue: $queue) { queue id groupId deduplicationId }
}`;

export const ON_MESSAGE_ACKNOWLEDGED = `subscription ($queue: String!) {
  onQueueEvent(queue: $queue, kind: MESSAGE_ACKNOWLEDGED) { queue kind messageId occurredAt }
}`;
