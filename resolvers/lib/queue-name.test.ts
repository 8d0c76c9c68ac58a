import { checkQueueName, typeOfName } from './queue-name';

describe('checkQueueName', () => {
  it.each([
    ['parcels', undefined],
    ['Parcels-2_b', undefined],
    ['orders.fifo', undefined],
    ['orders.fifo', 'FIFO'],
    ['q'.repeat(80), 'STANDARD'],
  ] as const)('accepts %j as a %s queue name', (name, type) => {
    expect(checkQueueName('name', name, type)).toBeNull();
  });

  it.each([
    ['', undefined],
    ['.fifo', undefined],
    ['a b', undefined],
    ['a/b', undefined],
    ['ä', undefined],
    ['orders.fifo', 'STANDARD'],
    ['orders', 'FIFO'],
    ['orders.FIFO', 'FIFO'],
  ] as const)('refuses %j as a %s queue name', (name, type) => {
    expect(checkQueueName('name', name, type)).toMatchObject({
      errorType: 'InvalidArgument',
      field: 'name',
      received: name,
    });
  });

  it('says that .fifo is reserved when a standard queue would take it', () => {
    expect(checkQueueName('input.name', 'orders.fifo', 'STANDARD')?.message).toBe(
      `input.name: received "orders.fifo"; expected a name without '.fifo' (.fifo is reserved for FIFO queues; set type: FIFO).`,
    );
  });
});

describe('typeOfName', () => {
  it.each([
    ['orders.fifo', 'FIFO'],
    ['orders', 'STANDARD'],
    ['fifo', 'STANDARD'],
  ])('reads %j as a %s name', (name, type) => {
    expect(typeOfName(name)).toBe(type);
  });
});
