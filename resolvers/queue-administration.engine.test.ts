import { openLocalIssuer, type LocalIssuer } from '../infra/local/auth/local-issuer';
import { dataDirLayout } from '../infra/local/data-dir';
import { useLocalApi } from '../infra/local/testing/local-api';

/** Courier's queue administration over HTTP, on the local engine and DynamoDB Local. */
const local = useLocalApi({ api: 'courier' });
let issuer: LocalIssuer;
let admin: Record<string, string>;

beforeAll(async () => {
  issuer = await openLocalIssuer(dataDirLayout(local.api.dataDir).issuer);
  admin = { 'x-api-key': '', authorization: issuer.mint({ username: 'root', groups: ['admins'] }) };
});

const CREATE = `mutation ($input: CreateQueueInput!) {
  createQueue(input: $input) { name type visibilityTimeoutSeconds deadLetterQueue maxReceiveCount createdAt }
}`;

describe('queue administration', () => {
  it('creates a queue for an admin and lists it for an API-key client', async () => {
    const created = await local.graphql(CREATE, { input: { name: 'orders' } }, admin);
    expect(created.body).toEqual({
      data: {
        createQueue: {
          name: 'orders',
          type: 'STANDARD',
          visibilityTimeoutSeconds: 30,
          deadLetterQueue: null,
          maxReceiveCount: null,
          createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
        },
      },
    });
    const listed = await local.graphql(
      '{ queues { items { name } nextToken } queue(name: "orders") { type } }',
    );
    expect(listed.body).toEqual({
      data: {
        queues: { items: [{ name: 'orders' }], nextToken: null },
        queue: { type: 'STANDARD' },
      },
    });
  });

  it('refuses queue creation to API-key clients and to users outside admins', async () => {
    const viaKey = await local.graphql(CREATE, { input: { name: 'not-mine' } });
    const viaUser = await local.graphql(
      CREATE,
      { input: { name: 'not-mine' } },
      {
        'x-api-key': '',
        authorization: issuer.mint({ username: 'ana', groups: ['readers'] }),
      },
    );
    for (const answer of [viaKey, viaUser]) {
      expect(answer.body['errors']).toEqual([
        expect.objectContaining({
          errorType: 'Unauthorized',
          message: 'Not Authorized to access createQueue on type Mutation',
        }),
      ]);
    }
    expect((await local.graphql('{ queue(name: "not-mine") { name } }')).body).toEqual({
      data: { queue: null },
    });
  });

  it('refuses a duplicate name and a dead-letter queue that does not exist, writing nothing', async () => {
    await local.graphql(CREATE, { input: { name: 'twice' } }, admin);
    const again = await local.graphql(
      CREATE,
      { input: { name: 'twice', visibilityTimeoutSeconds: 5 } },
      admin,
    );
    expect(again.body['errors']).toEqual([
      expect.objectContaining({ errorType: 'QueueAlreadyExists' }),
    ]);
    const orphan = await local.graphql(
      CREATE,
      { input: { name: 'orphan', deadLetterQueue: 'missing-dlq', maxReceiveCount: 3 } },
      admin,
    );
    expect(orphan.body['errors']).toEqual([
      expect.objectContaining({ errorType: 'InvalidDeadLetterQueue' }),
    ]);
    const check = await local.graphql(
      '{ twice: queue(name: "twice") { visibilityTimeoutSeconds } orphan: queue(name: "orphan") { name } }',
    );
    expect(check.body).toEqual({ data: { twice: { visibilityTimeoutSeconds: 30 }, orphan: null } });
  });

  it('refuses out-of-range settings with InvalidArgument naming field, value and range', async () => {
    const answer = await local.graphql(
      CREATE,
      { input: { name: 'bad', visibilityTimeoutSeconds: 50000 } },
      admin,
    );
    expect(answer.body).toEqual({
      data: null,
      errors: [
        {
          path: ['createQueue'],
          data: null,
          errorType: 'InvalidArgument',
          errorInfo: {
            field: 'input.visibilityTimeoutSeconds',
            received: 50000,
            allowed: 'an integer from 0 to 43200',
          },
          locations: [{ line: 2, column: 3, sourceName: null }],
          message:
            'input.visibilityTimeoutSeconds: received 50000; expected an integer from 0 to 43200.',
        },
      ],
    });
  });

  it('deletes a queue and returns it as it was', async () => {
    await local.graphql(CREATE, { input: { name: 'short-lived' } }, admin);
    const deleted = await local.graphql(
      'mutation { deleteQueue(name: "short-lived") { name } }',
      undefined,
      admin,
    );
    expect(deleted.body).toEqual({ data: { deleteQueue: { name: 'short-lived' } } });
    expect((await local.graphql('{ queue(name: "short-lived") { name } }')).body).toEqual({
      data: { queue: null },
    });
  });
});
