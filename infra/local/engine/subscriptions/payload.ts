import type { FragmentDefinitionNode, SelectionSetNode } from 'graphql';
import { selectedFields } from '../execution/selection';

/**
 * A mutation field's result as subscribers receive it: only what the mutation selected, under
 * field names rather than the mutation's aliases [runtime §9.1]. Fields the mutation did not
 * select are absent, so a subscription that asks for them gets null.
 */
export function publishedPayload(
  value: unknown,
  selectionSet: SelectionSetNode | undefined,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
): unknown {
  if (value === null || value === undefined || !selectionSet) {
    return value ?? null;
  }
  if (Array.isArray(value)) {
    return value.map((item) => publishedPayload(item, selectionSet, fragments));
  }
  if (typeof value !== 'object') {
    return value;
  }
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const field of selectedFields(selectionSet, fragments)) {
    const key = field.alias?.value ?? field.name.value;
    if (key in source) {
      out[field.name.value] = publishedPayload(source[key], field.selectionSet, fragments);
    }
  }
  return out;
}
