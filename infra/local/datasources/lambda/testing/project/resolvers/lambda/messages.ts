import dynamoose from 'dynamoose';

/**
 * A handler as Courier's own are written: a Dynamoose model on the table the environment names.
 * Nothing here knows it runs locally; the AWS SDK under Dynamoose finds DynamoDB Local through
 * AWS_ENDPOINT_URL_DYNAMODB.
 */
const tableName = process.env['MESSAGES_TABLE'] ?? 'missing-MESSAGES_TABLE';
const Message = dynamoose.model(
  'Message',
  new dynamoose.Schema({ id: { type: String, hashKey: true }, body: String }),
  { tableName, create: false, waitForActive: false },
);

export async function handler(event: { id: string; body: string }): Promise<unknown> {
  await Message.create({ id: event.id, body: event.body });
  const stored = await Message.get(event.id);
  return stored.toJSON();
}
