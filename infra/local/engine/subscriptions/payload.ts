import { Kind, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';

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
  const visit = (set: SelectionSetNode): void => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        if (key in source) {
          out[selection.name.value] = publishedPayload(
            source[key],
            selection.selectionSet,
            fragments,
          );
        }
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet);
      } else {
        const fragment = fragments[selection.name.value];
        if (fragment) {
          visit(fragment.selectionSet);
        }
      }
    }
  };
  visit(selectionSet);
  return out;
}
