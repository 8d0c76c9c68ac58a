import dynamoose from 'dynamoose';

/**
 * The fixture API's Lambda: a plain handler that knows nothing of the engine. Dynamoose reaches
 * DynamoDB through the AWS SDK, which reads AWS_ENDPOINT_URL_DYNAMODB on its own.
 */
const Item = dynamoose.model(
  'Item',
  new dynamoose.Schema(
    {
      pk: { type: String, hashKey: true },
      sk: { type: String, rangeKey: true },
      kind: String,
    },
    { saveUnknown: false },
  ),
  { tableName: process.env['ITEMS_TABLE'] ?? 'items', create: false, waitForActive: false },
);

type Event =
  | { action: 'echo'; text: string }
  | { action: 'fail'; message: string }
  | { action: 'readItem'; pk: string; sk: string }
  | { action: 'putItem'; pk: string; sk: string; kind: string }
  | { action: 'summary'; sk: string }[]
  | { info: { fieldName: string }; arguments: Record<string, unknown> };

export async function handler(event: Event): Promise<unknown> {
  if (Array.isArray(event)) {
    // BatchInvoke: one answer per payload, in order, and how big the batch was.
    return event.map((entry) => `summary of ${entry.sk} (batch of ${event.length})`);
  }
  if ('info' in event) {
    return { direct: true, fieldName: event.info.fieldName, arguments: event.arguments };
  }
  switch (event.action) {
    case 'echo':
      return { text: event.text, greeting: process.env['GREETING'] ?? null };
    case 'fail':
      throw new Error(event.message);
    case 'readItem': {
      const item = await Item.get({ pk: event.pk, sk: event.sk });
      return item ? item.toJSON() : null;
    }
    case 'putItem': {
      const item = await Item.create(
        { pk: event.pk, sk: event.sk, kind: event.kind },
        { overwrite: true },
      );
      return item.toJSON();
    }
  }
}
