import {
  Kind,
  parse,
  validate,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLError,
  type GraphQLSchema,
} from 'graphql';
import { appSyncValidationErrors } from './validation-messages';

export type PreparedDocument =
  | {
      readonly ok: true;
      readonly document: DocumentNode;
      /** The document's fragments by name (publishing reads the mutation's selections). */
      readonly fragments: Readonly<Record<string, FragmentDefinitionNode>>;
    }
  | {
      readonly ok: false;
      readonly stage: 'parse' | 'validate';
      /** For `validate`, already worded as AppSync's (validation-messages.ts). */
      readonly errors: readonly GraphQLError[];
    };

/**
 * Parsed and validated documents by query text. Clients send the same few documents again and
 * again; parsing and validating once is most of the engine's per-request saving. Bounded, least
 * recently used first out.
 */
export class DocumentCache {
  private readonly entries = new Map<string, PreparedDocument>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly capacity: number = 500,
  ) {}

  prepare(query: string): PreparedDocument {
    const cached = this.entries.get(query);
    if (cached) {
      this.entries.delete(query);
      this.entries.set(query, cached);
      return cached;
    }
    const prepared = this.compute(query);
    this.entries.set(query, prepared);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) {
        this.entries.delete(oldest.value);
      }
    }
    return prepared;
  }

  private compute(query: string): PreparedDocument {
    let document: DocumentNode;
    try {
      document = parse(query);
    } catch (error) {
      return { ok: false, stage: 'parse', errors: [error as GraphQLError] };
    }
    const errors = validate(this.schema, document);
    if (errors.length === 0) {
      return { ok: true, document, fragments: fragmentsOf(document) };
    }
    // Worded as AppSync's graphql-java words them, once per document for every transport.
    return {
      ok: false,
      stage: 'validate',
      errors: appSyncValidationErrors(errors, document, this.schema),
    };
  }
}

/** A document's fragment definitions by name. */
function fragmentsOf(document: DocumentNode): Record<string, FragmentDefinitionNode> {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      fragments[definition.name.value] = definition;
    }
  }
  return fragments;
}
