import { asSetValue, toTyped, type TypedValue } from '../../util/transform/typed';
import { describe, isPlainObject, type PlainObject } from '../../util/transform/values';
import { isKnownOperation, isOperationLike, OPERATION } from './operations';

/**
 * The update expression of `update` / `transactWrite`. Naming follows the AWS-recorded outputs:
 * attribute names become `#expName_<n>` and values `:expValue_<n>`, each numbered from 1 in order of
 * first use, e.g. {age: operations.increment(10)} → `SET #expName_1 = #expName_1 + :expValue_1`.
 * Plain values, add and replace SET the attribute; a nested plain object updates the nested
 * attributes one by one (`#expName_1.#expName_2`). SET actions come before REMOVE actions, as
 * DynamoDB allows each clause keyword only once.
 */
export interface UpdateExpression {
  readonly expression: string;
  readonly expressionNames: Record<string, string>;
  readonly expressionValues?: Record<string, TypedValue>;
}

interface State {
  readonly fn: string;
  readonly names: Record<string, string>;
  readonly values: Record<string, TypedValue>;
  /** Path (segments joined by NUL) → its name placeholder, so a repeated segment reuses it. */
  readonly placeholders: Map<string, string>;
  readonly sets: string[];
  readonly removes: string[];
}

function pathExpression(state: State, path: readonly string[]): string {
  return path
    .map((segment, i) => {
      const id = path.slice(0, i + 1).join('\u0000');
      let placeholder = state.placeholders.get(id);
      if (placeholder === undefined) {
        placeholder = `#expName_${state.placeholders.size + 1}`;
        state.placeholders.set(id, placeholder);
        state.names[placeholder] = segment;
      }
      return placeholder;
    })
    .join('.');
}

function value(state: State, raw: unknown): string {
  const placeholder = `:expValue_${Object.keys(state.values).length + 1}`;
  state.values[placeholder] = toTyped(raw, state.fn);
  return placeholder;
}

function listItem(state: State, path: readonly string[], marker: PlainObject): void {
  const index = marker['index'];
  if (typeof index !== 'number' || !Number.isInteger(index) || index < 0) {
    throw new TypeError(
      `${state.fn}: updateListItem on "${path.join('.')}" needs an integer index ≥ 0; got ${describe(index)}.`,
    );
  }
  const target = pathExpression(state, path);
  state.sets.push(`${target}[${index}] = ${value(state, marker['value'])}`);
}

function operation(
  state: State,
  path: readonly string[],
  marker: PlainObject & { readonly type: string },
): void {
  const { type } = marker;
  if (!isKnownOperation(type)) {
    throw new Error(`${state.fn}: unknown update operation "${type}" on "${path.join('.')}".`);
  }
  if (type === OPERATION.updateListItem) {
    listItem(state, path, marker);
    return;
  }
  const target = pathExpression(state, path);
  switch (type) {
    case OPERATION.remove:
      state.removes.push(target);
      return;
    case OPERATION.add:
    case OPERATION.replace:
      state.sets.push(`${target} = ${value(state, marker['value'])}`);
      return;
    case OPERATION.increment:
    case OPERATION.decrement: {
      const by = marker['by'] ?? 1;
      if (typeof by !== 'number' || !Number.isFinite(by)) {
        throw new TypeError(
          `${state.fn}: ${type} on "${path.join('.')}" needs a finite number; got ${describe(by)}.`,
        );
      }
      const sign = type === OPERATION.increment ? '+' : '-';
      state.sets.push(`${target} = ${target} ${sign} ${value(state, by)}`);
      return;
    }
    case OPERATION.append:
    case OPERATION.prepend: {
      const items = marker['items'];
      if (!Array.isArray(items)) {
        throw new TypeError(
          `${state.fn}: ${type} on "${path.join('.')}" needs an array of items; got ${describe(items)}.`,
        );
      }
      const placeholder = value(state, items);
      const args =
        type === OPERATION.append ? `${target}, ${placeholder}` : `${placeholder}, ${target}`;
      state.sets.push(`${target} = list_append(${args})`);
      return;
    }
  }
}

function isListItemMarker(item: unknown): item is PlainObject & { readonly type: string } {
  return isOperationLike(item) && item.type === OPERATION.updateListItem;
}

function walk(state: State, object: PlainObject, parent: readonly string[]): void {
  for (const [name, raw] of Object.entries(object)) {
    if (raw === undefined) {
      continue;
    }
    const path = [...parent, name];
    if (isOperationLike(raw)) {
      operation(state, path, raw);
    } else if (Array.isArray(raw) && raw.length > 0 && raw.every(isListItemMarker)) {
      for (const marker of raw) {
        listItem(state, path, marker);
      }
    } else if (isPlainObject(raw) && asSetValue(raw) === undefined && Object.keys(raw).length > 0) {
      walk(state, raw, path);
    } else {
      state.sets.push(`${pathExpression(state, path)} = ${value(state, raw)}`);
    }
  }
}

/** `fn` names the caller (`dynamodb.update`); messages about the update object say `<fn>: update …`. */
export function buildUpdate(update: unknown, fn: string): UpdateExpression {
  if (!isPlainObject(update)) {
    throw new TypeError(
      `${fn}: update must be an object of attributes to change; got ${describe(update)}.`,
    );
  }
  const state: State = {
    fn: `${fn}: update`,
    names: {},
    values: {},
    placeholders: new Map(),
    sets: [],
    removes: [],
  };
  walk(state, update, []);
  const clauses = [
    ...(state.sets.length > 0 ? [`SET ${state.sets.join(', ')}`] : []),
    ...(state.removes.length > 0 ? [`REMOVE ${state.removes.join(', ')}`] : []),
  ];
  if (clauses.length === 0) {
    throw new Error(`${fn}: update has no attribute to change; got ${describe(update)}.`);
  }
  const expression = clauses.join(' ');
  return Object.keys(state.values).length > 0
    ? { expression, expressionNames: state.names, expressionValues: state.values }
    : { expression, expressionNames: state.names };
}
