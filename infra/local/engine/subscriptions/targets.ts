import { Kind, type GraphQLSchema } from 'graphql';

/**
 * Which subscription fields each mutation feeds, read from `@aws_subscribe(mutations: [...])` on
 * the schema's subscription type [runtime §9.1].
 */
export function subscriptionTargets(schema: GraphQLSchema): ReadonlyMap<string, readonly string[]> {
  const targets = new Map<string, string[]>();
  const subscriptionType = schema.getSubscriptionType();
  for (const field of Object.values(subscriptionType?.getFields() ?? {})) {
    const directive = field.astNode?.directives?.find((d) => d.name.value === 'aws_subscribe');
    const mutations = directive?.arguments?.find((a) => a.name.value === 'mutations')?.value;
    if (mutations?.kind !== Kind.LIST) {
      continue;
    }
    for (const value of mutations.values) {
      if (value.kind === Kind.STRING) {
        targets.set(value.value, [...(targets.get(value.value) ?? []), field.name]);
      }
    }
  }
  return targets;
}
