import { openLocalIssuer, type LocalIssuer } from '../../auth/local-issuer';
import { dataDirLayout } from '../../data-dir';
import { useLocalApi } from '../../testing/local-api';
import type { Caller } from '../engine';
import type { SubscriptionEvent } from './types';

/** Subscriptions at the engine: publish after mutations, filters, invalidation, refusals. */
const local = useLocalApi();
let issuer: LocalIssuer;

beforeAll(async () => {
  issuer = await openLocalIssuer(dataDirLayout(local.api.dataDir).issuer);
});

const apiKeyCaller: Caller = {
  principal: { mode: 'API_KEY', groups: null },
  identity: null,
  authType: 'API Key Authorization',
  headers: {},
};

async function listen(
  query: string,
  variables: Record<string, unknown> = {},
  caller = apiKeyCaller,
) {
  const events: SubscriptionEvent[] = [];
  let completed = 0;
  const outcome = await local.api.engine.subscribe({ query, variables }, caller, {
    deliver: (event) => events.push(event),
    complete: () => (completed += 1),
  });
  return { outcome, events, completed: () => completed };
}

describe('publishing mutation results to subscribers', () => {
  it('delivers only what the mutation selected; unselected fields are null', async () => {
    const { outcome, events } = await listen('subscription { onItemPut { pk sk kind count } }');
    expect(outcome.ok).toBe(true);
    await local.graphql(
      'mutation { putItem(pk: "sub", sk: "1", kind: "k", count: 3) { pk sk kind } }',
    );
    expect(events).toEqual([
      { data: { onItemPut: { pk: 'sub', sk: '1', kind: 'k', count: null } } },
    ]);
    if (outcome.ok) outcome.unsubscribe();
  });

  it('uses field names, not the mutation aliases', async () => {
    const { outcome, events } = await listen('subscription { onItemPut { pk kind } }');
    await local.graphql(
      'mutation { done: putItem(pk: "alias", sk: "1", kind: "k") { key: pk kind } }',
    );
    expect(events).toEqual([{ data: { onItemPut: { pk: 'alias', kind: 'k' } } }]);
    if (outcome.ok) outcome.unsubscribe();
  });

  it('filters by the arguments the subscriber gave, and not by those it left out', async () => {
    const byPk = await listen('subscription { onItemPut(pk: "wanted") { pk sk } }');
    const byKind = await listen('subscription ($k: String) { onItemPut(kind: $k) { sk } }', {
      k: 'blue',
    });
    await local.graphql('mutation { putItem(pk: "other", sk: "1", kind: "blue") { pk sk kind } }');
    await local.graphql('mutation { putItem(pk: "wanted", sk: "2", kind: "red") { pk sk kind } }');
    expect(byPk.events).toEqual([{ data: { onItemPut: { pk: 'wanted', sk: '2' } } }]);
    expect(byKind.events).toEqual([{ data: { onItemPut: { sk: '1' } } }]);
    for (const { outcome } of [byPk, byKind]) if (outcome.ok) outcome.unsubscribe();
  });

  it('publishes nothing for a mutation that failed, and nothing after unsubscribe', async () => {
    const { outcome, events } = await listen('subscription { onItemPut(pk: "failing") { pk } }');
    await local.graphql(
      'mutation { putItem(pk: "failing", sk: "1", kind: "first", onlyIfNew: true) { pk } }',
    );
    await local.graphql(
      'mutation { putItem(pk: "failing", sk: "1", kind: "second", onlyIfNew: true) { pk } }',
    );
    expect(events).toHaveLength(1);
    if (outcome.ok) outcome.unsubscribe();
    await local.graphql('mutation { putItem(pk: "failing", sk: "2") { pk } }');
    expect(events).toHaveLength(1);
  });

  it('reports a non-null field the mutation did not select as an error beside the data', async () => {
    const { outcome, events } = await listen('subscription { onItemPut(pk: "nonnull") { pk sk } }');
    await local.graphql('mutation { putItem(pk: "nonnull", sk: "1") { pk } }');
    expect(events).toEqual([
      {
        data: { onItemPut: null },
        errors: [
          expect.objectContaining({
            path: ['onItemPut', 'sk'],
            message:
              "Cannot return null for non-nullable type: 'String' within parent 'Item' (/onItemPut/sk)",
          }),
        ],
      },
    ]);
    if (outcome.ok) outcome.unsubscribe();
  });
});

describe('subscription resolvers', () => {
  it('applies the enhanced filter its resolver set, instead of the arguments', async () => {
    const { outcome, events } = await listen(
      'subscription { onItemPutFiltered(pk: "filtered", minCount: 5) { sk count } }',
    );
    expect(outcome.ok).toBe(true);
    await local.graphql(
      'mutation { putItem(pk: "filtered", sk: "low", count: 2) { pk sk count } }',
    );
    await local.graphql(
      'mutation { putItem(pk: "filtered", sk: "high", count: 9) { pk sk count } }',
    );
    await local.graphql(
      'mutation { putItem(pk: "elsewhere", sk: "high", count: 9) { pk sk count } }',
    );
    expect(events).toEqual([{ data: { onItemPutFiltered: { sk: 'high', count: 9 } } }]);
    if (outcome.ok) outcome.unsubscribe();
  });

  it('ends subscriptions whose invalidation filter matches an invalidateSubscriptions payload', async () => {
    const mine = await listen(
      'subscription { onItemPutFiltered(pk: "closing", minCount: 0) { sk } }',
    );
    const other = await listen(
      'subscription { onItemPutFiltered(pk: "staying", minCount: 0) { sk } }',
    );
    await local.graphql('mutation { closeItemSubscriptions(pk: "closing") }');
    expect(mine.completed()).toBe(1);
    expect(other.completed()).toBe(0);
    await local.graphql(
      'mutation { putItem(pk: "closing", sk: "after", count: 1) { pk sk count } }',
    );
    expect(mine.events).toEqual([]);
    if (other.outcome.ok) other.outcome.unsubscribe();
  });

  it('refuses the subscription when its resolver calls util.error', async () => {
    const { outcome } = await listen('subscription { onRefused { pk } }');
    expect(outcome).toEqual({
      ok: false,
      errors: [{ errorType: 'Refused', message: 'Subscriptions to onRefused are refused.' }],
    });
  });
});

describe('refusals at subscribe time', () => {
  it.each([
    ['an unknown field', 'subscription { onNothing { pk } }', undefined],
    ['a query', '{ echo(message: "x") }', 'UnsupportedOperation'],
    ['a missing variable', 'subscription ($k: String!) { onItemPut(kind: $k) { pk } }', undefined],
  ])('refuses %s', async (_name, query, errorType) => {
    const { outcome } = await listen(query);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.errors[0]?.errorType).toBe(errorType);
      expect(outcome.errors[0]?.message).toEqual(expect.any(String));
    }
  });

  it('refuses a field the caller may not subscribe to with Unauthorized', async () => {
    const refused = await listen('subscription { onAdminItemPut { pk } }');
    expect(refused.outcome).toEqual({
      ok: false,
      errors: [
        {
          errorType: 'Unauthorized',
          message: 'Not Authorized to access onAdminItemPut on type Subscription',
        },
      ],
    });
    const token = issuer.mint({ username: 'root', groups: ['admins'] });
    const verified = issuer.verify(token);
    const admin: Caller = {
      principal: { mode: 'AMAZON_COGNITO_USER_POOLS', groups: ['admins'] },
      identity: verified.ok ? { sub: verified.claims.sub } : null,
      authType: 'User Pool Authorization',
      headers: {},
    };
    const allowed = await listen('subscription { onAdminItemPut { pk } }', {}, admin);
    expect(allowed.outcome.ok).toBe(true);
    await local.graphql('mutation { putItem(pk: "admin", sk: "1") { pk } }');
    expect(allowed.events).toEqual([{ data: { onAdminItemPut: { pk: 'admin' } } }]);
    if (allowed.outcome.ok) allowed.outcome.unsubscribe();
  });
});
