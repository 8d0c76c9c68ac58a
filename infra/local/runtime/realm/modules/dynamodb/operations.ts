import { describe, isPlainObject } from '../../util/transform/values';

/**
 * `operations.*` of @aws-appsync/utils/dynamodb build plain marker objects that `update` turns into
 * update-expression clauses. The marker shapes are the ones AWS recorded via EvaluateCode:
 * add(10) → {type:'OPERATION_ADD', value:10}, append([1]) → {type:'OPERATION_APPEND', items:[1]},
 * increment(10) → {type:'OPERATION_INCREMENT', by:10}, replace(v) → {type:'OPERATION_REPLACE', value:v}.
 */
export const OPERATION = {
  add: 'OPERATION_ADD',
  remove: 'OPERATION_REMOVE',
  replace: 'OPERATION_REPLACE',
  increment: 'OPERATION_INCREMENT',
  decrement: 'OPERATION_DECREMENT',
  append: 'OPERATION_APPEND',
  prepend: 'OPERATION_PREPEND',
  updateListItem: 'OPERATION_UPDATE_LIST_ITEM',
} as const;

export type OperationType = (typeof OPERATION)[keyof typeof OPERATION];

export type OperationMarker =
  | { readonly type: typeof OPERATION.add | typeof OPERATION.replace; readonly value: unknown }
  | { readonly type: typeof OPERATION.remove }
  | { readonly type: typeof OPERATION.increment | typeof OPERATION.decrement; readonly by?: number }
  | { readonly type: typeof OPERATION.append | typeof OPERATION.prepend; readonly items: unknown[] }
  | {
      readonly type: typeof OPERATION.updateListItem;
      readonly value: unknown;
      readonly index: number;
    };

const TYPES: ReadonlySet<string> = new Set(Object.values(OPERATION));

/** A value whose `type` names an operation: update treats it as a marker, not as a map to store. */
export function isOperationLike(value: unknown): value is { readonly type: string } {
  return (
    isPlainObject(value) &&
    typeof value['type'] === 'string' &&
    value['type'].startsWith('OPERATION_')
  );
}

export function isKnownOperation(type: string): type is OperationType {
  return TYPES.has(type);
}

function amount(fn: string, by: unknown): { readonly by?: number } {
  if (by === undefined) {
    return {};
  }
  if (typeof by !== 'number' || !Number.isFinite(by)) {
    throw new TypeError(
      `${fn}: expected a finite number to change the attribute by; got ${describe(by)}.`,
    );
  }
  return { by };
}

function list(fn: string, items: unknown): unknown[] {
  if (!Array.isArray(items)) {
    throw new TypeError(`${fn}: expected an array of items; got ${describe(items)}.`);
  }
  return [...(items as unknown[])];
}

export interface Operations {
  add(value: unknown): OperationMarker;
  remove(): OperationMarker;
  replace(value: unknown): OperationMarker;
  increment(by?: unknown): OperationMarker;
  decrement(by?: unknown): OperationMarker;
  append(items: unknown): OperationMarker;
  prepend(items: unknown): OperationMarker;
  updateListItem(value: unknown, index: unknown): OperationMarker;
}

export function createOperations(): Operations {
  return {
    add: (value) => ({ type: OPERATION.add, value }),
    remove: () => ({ type: OPERATION.remove }),
    replace: (value) => ({ type: OPERATION.replace, value }),
    increment: (by) => ({
      type: OPERATION.increment,
      ...amount('dynamodb.operations.increment', by),
    }),
    decrement: (by) => ({
      type: OPERATION.decrement,
      ...amount('dynamodb.operations.decrement', by),
    }),
    append: (items) => ({
      type: OPERATION.append,
      items: list('dynamodb.operations.append', items),
    }),
    prepend: (items) => ({
      type: OPERATION.prepend,
      items: list('dynamodb.operations.prepend', items),
    }),
    updateListItem: (value, index) => {
      if (typeof index !== 'number' || !Number.isInteger(index) || index < 0) {
        throw new TypeError(
          `dynamodb.operations.updateListItem: expected a list index (an integer ≥ 0) as the second argument; got ${describe(index)}.`,
        );
      }
      return { type: OPERATION.updateListItem, value, index };
    },
  };
}
