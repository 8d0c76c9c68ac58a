import { Sandbox } from '../sandbox/sandbox';
import { conformanceTargets } from '../testing/conformance';

const filter = {
  filterGroup: [{ filters: [{ fieldName: 'queue', operator: 'eq', value: 'parcels' }] }],
};

describe.each(conformanceTargets().map((target) => [target.name, target] as const))(
  'extensions and runtime [%s]',
  (_name, target) => {
    describe('extensions', () => {
      it('records the subscription filter set by a subscription resolver', () => {
        expect(target.call('extensions.setSubscriptionFilter', [filter])).toMatchObject({
          value: null,
          record: { subscriptionFilter: filter },
        });
      });

      it('records the subscription invalidation filter', () => {
        expect(target.call('extensions.setSubscriptionInvalidationFilter', [filter])).toMatchObject(
          {
            value: null,
            record: { subscriptionInvalidationFilter: filter },
          },
        );
      });

      it('records an invalidation with its subscription field and payload', () => {
        expect(
          target.call('extensions.invalidateSubscriptions', [
            { subscriptionField: 'onMessageSent', payload: { queue: 'parcels' } },
          ]),
        ).toMatchObject({
          value: null,
          record: {
            invalidations: [{ subscriptionField: 'onMessageSent', payload: { queue: 'parcels' } }],
          },
        });
      });

      it('records a cache eviction with its keys', () => {
        expect(
          target.call('extensions.evictFromApiCache', [
            'Query',
            'queue',
            { 'context.arguments.name': 'parcels' },
          ]),
        ).toMatchObject({
          value: null,
          record: {
            evictions: [
              {
                typeName: 'Query',
                fieldName: 'queue',
                keys: { 'context.arguments.name': 'parcels' },
              },
            ],
          },
        });
      });
    });

    describe('runtime.earlyReturn', () => {
      it.each([
        ['no value', [], { value: null, skipTo: 'NEXT' }],
        ['a value', [{ id: 1 }], { value: { id: 1 }, skipTo: 'NEXT' }],
        ['skipTo END', [{ id: 1 }, { skipTo: 'END' }], { value: { id: 1 }, skipTo: 'END' }],
        [
          'an unknown skipTo, as NEXT',
          [null, { skipTo: 'LATER' }],
          { value: null, skipTo: 'NEXT' },
        ],
      ])('stops the handler with %s', (_case, args, signal) => {
        expect(target.call('runtime.earlyReturn', args)).toMatchObject({
          signal: { __courierSignal: 'earlyReturn', ...signal },
        });
      });
    });
  },
);

describe('extensions.invalidateSubscriptions in one invocation', () => {
  const sandbox = Sandbox.create();
  const calling = (times: number): string =>
    `import { extensions } from '@aws-appsync/utils';\nexport function request(ctx) {\n  ctx.args.fields.slice(0, ${times}).forEach((field) => extensions.invalidateSubscriptions({ subscriptionField: field, payload: {} }));\n  return null;\n}\nexport function response(ctx) { return null; }\n`;
  const fields = ['a', 'b', 'c', 'd', 'e', 'f'];

  it('keeps up to five calls, as AppSync allows', () => {
    const outcome = sandbox.invoke(sandbox.load(calling(5)), {
      handler: 'request',
      context: { arguments: { fields }, args: { fields } },
    });
    expect(outcome).toMatchObject({ kind: 'value' });
    expect(outcome.record.invalidations.map((entry) => entry.subscriptionField)).toEqual([
      'a',
      'b',
      'c',
      'd',
      'e',
    ]);
  });

  it('refuses a sixth, naming the limit', () => {
    const outcome = sandbox.invoke(sandbox.load(calling(6)), {
      handler: 'request',
      context: { arguments: { fields }, args: { fields } },
    });
    expect(outcome).toMatchObject({
      kind: 'error',
      cause: 'exception',
      error: {
        errorType: 'Code',
        message: expect.stringContaining(
          'Error: extensions.invalidateSubscriptions: at most 5 calls per request are allowed.',
        ),
      },
    });
  });
});
