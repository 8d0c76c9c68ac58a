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
 * Characters of query text the cache holds at most; parsed documents take up to ~50 times as
 * many bytes of heap (1 MiB of text: at most ~50 MB).
 */
export const DEFAULT_MAX_CACHED_CHARS = 1024 * 1024;

/**
 * Parsed and validated documents by query text. Clients send the same few documents again and
 * again; parsing and validating once is most of the engine's per-request saving. Bounded, least
 * recently used first out, by entries and by the characters of their texts: without the second
 * bound, 500 distinct documents near the 5 MB body limit would hold gigabytes.
 */
export class DocumentCache {
  private readonly entries = new Map<string, PreparedDocument>();
  private cachedChars = 0;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly capacity: number = 500,
    private readonly maxCachedChars: number = DEFAULT_MAX_CACHED_CHARS,
  ) {}

  prepare(query: string): PreparedDocument {
    const cached = this.entries.get(query);
    if (cached) {
      this.entries.delete(query);
      this.entries.set(query, cached);
      return cached;
    }
    const prepared = this.compute(query);
    if (query.length <= this.maxCachedChars) {
      this.entries.set(query, prepared);
      this.cachedChars += query.length;
      this.evict();
    }
    return prepared;
  }

  /** What the cache holds now: documents and the characters of their texts. */
  get size(): { readonly entries: number; readonly chars: number } {
    return { entries: this.entries.size, chars: this.cachedChars };
  }

  private evict(): void {
    while (this.entries.size > this.capacity || this.cachedChars > this.maxCachedChars) {
      const oldest = this.entries.keys().next();
      if (oldest.done) {
        return;
      }
      this.entries.delete(oldest.value);
      this.cachedChars -= oldest.value.length;
    }
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
