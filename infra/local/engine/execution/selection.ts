import {
  Kind,
  getNamedType,
  print,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLOutputType,
  type SelectionSetNode,
} from 'graphql';

type Fragments = Readonly<Record<string, FragmentDefinitionNode>>;

/**
 * `ctx.info.selectionSetList`: the fields selected below the current one, by alias when there is
 * one, nested paths joined with `/`. Fragments on the field's own type count; inline fragments on
 * other types (an implementation of an interface, a union member) do not [runtime §2].
 */
export function selectionSetList(
  fieldNodes: readonly FieldNode[],
  returnType: GraphQLOutputType,
  fragments: Fragments,
): string[] {
  const typeName = getNamedType(returnType).name;
  const list: string[] = [];
  for (const node of fieldNodes) {
    if (node.selectionSet) {
      collect(node.selectionSet, typeName, '', fragments, list, true);
    }
  }
  return list;
}

function collect(
  set: SelectionSetNode,
  typeName: string,
  prefix: string,
  fragments: Fragments,
  list: string[],
  topLevel: boolean,
): void {
  for (const selection of set.selections) {
    switch (selection.kind) {
      case Kind.FIELD: {
        if (selection.name.value.startsWith('__')) {
          break;
        }
        const path = prefix + (selection.alias?.value ?? selection.name.value);
        list.push(path);
        if (selection.selectionSet) {
          // Below the first level the type is no longer checked: any nested fragment counts.
          collect(selection.selectionSet, '', `${path}/`, fragments, list, false);
        }
        break;
      }
      case Kind.INLINE_FRAGMENT: {
        const condition = selection.typeCondition?.name.value;
        if (!topLevel || condition === undefined || condition === typeName) {
          collect(selection.selectionSet, typeName, prefix, fragments, list, topLevel);
        }
        break;
      }
      case Kind.FRAGMENT_SPREAD: {
        const fragment = fragments[selection.name.value];
        if (fragment && (!topLevel || fragment.typeCondition.name.value === typeName)) {
          collect(fragment.selectionSet, typeName, prefix, fragments, list, topLevel);
        }
        break;
      }
    }
  }
}

/** `ctx.info.selectionSetGraphQL`: the field's selection set as written, fragments not merged. */
export function selectionSetGraphQL(fieldNodes: readonly FieldNode[]): string {
  return fieldNodes
    .map((node) => (node.selectionSet ? print(node.selectionSet) : ''))
    .filter((text) => text !== '')
    .join('\n');
}

/**
 * util.error's `data` as it reaches the client: only what the field's selection set asks for
 * survives, under the names (aliases) the client chose [runtime §3.2].
 */
export function filterBySelection(
  value: unknown,
  fieldNodes: readonly FieldNode[],
  fragments: Fragments,
): unknown {
  const sets = fieldNodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
  return sets.length === 0 ? value : filterValue(value, sets, fragments);
}

function filterValue(
  value: unknown,
  sets: readonly SelectionSetNode[],
  fragments: Fragments,
): unknown {
  if (Array.isArray(value)) {
    return value.map((item) => filterValue(item, sets, fragments));
  }
  if (value === null || typeof value !== 'object') {
    return value ?? null;
  }
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const field of sets.flatMap((set) => selectedFields(set, fragments))) {
    const child = source[field.name.value];
    out[field.alias?.value ?? field.name.value] = field.selectionSet
      ? filterValue(child, [field.selectionSet], fragments)
      : (child ?? null);
  }
  return out;
}

/**
 * The fields a selection set selects at its own level, fragments (inline and named) flattened in
 * document order, without type conditions: what a value already shaped by its type needs.
 */
export function selectedFields(set: SelectionSetNode, fragments: Fragments): FieldNode[] {
  const fields: FieldNode[] = [];
  const visit = (current: SelectionSetNode): void => {
    for (const selection of current.selections) {
      if (selection.kind === Kind.FIELD) {
        fields.push(selection);
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
  visit(set);
  return fields;
}
