import { buildSchema } from 'graphql';
import { DocumentCache } from './document-cache';

const schema = buildSchema('type Query { value: Int }');

/** A valid document of about `chars` characters, distinct per `tag`. */
function documentOf(tag: string, chars: number): string {
  const head = `# ${tag}\n{ value }`;
  return head + ' '.repeat(Math.max(0, chars - head.length));
}

describe('DocumentCache', () => {
  it('hands back the same prepared document for the same text', () => {
    const cache = new DocumentCache(schema);
    const query = documentOf('a', 10);
    expect(cache.prepare(query)).toBe(cache.prepare(query));
    expect(cache.size).toEqual({ entries: 1, chars: query.length });
  });

  it.each([
    // [what, capacity, maxCachedChars, document sizes, indexes kept]
    ['drops the least recently used past its entry capacity', 2, 1000, [10, 10, 10], [1, 2]],
    ['drops the least recently used past its character budget', 10, 100, [40, 40, 40], [1, 2]],
    ['never holds a document larger than its whole budget', 10, 100, [101, 40], [1]],
    ['holds documents that fit together', 10, 100, [50, 50], [0, 1]],
  ])('%s', (_name, capacity, maxChars, sizes, kept) => {
    const cache = new DocumentCache(schema, capacity, maxChars);
    const queries = sizes.map((chars, index) => documentOf(String(index), chars));
    const prepared = queries.map((query) => cache.prepare(query));
    expect(cache.size).toEqual({
      entries: kept.length,
      chars: kept.reduce((sum, index) => sum + (queries[index]?.length ?? 0), 0),
    });
    // Kept ones first: asking for them again changes nothing, re-preparing a dropped one would.
    const dropped = queries.map((_, index) => index).filter((index) => !kept.includes(index));
    for (const index of [...kept, ...dropped]) {
      const again = cache.prepare(queries[index] ?? '');
      expect(again === prepared[index]).toBe(kept.includes(index));
    }
  });

  it('keeps at most its budget of characters however many large documents arrive', () => {
    const cache = new DocumentCache(schema, 500, 64 * 1024);
    for (let index = 0; index < 200; index += 1) {
      cache.prepare(documentOf(String(index), 20_000 + index));
    }
    expect(cache.size.chars).toBeLessThanOrEqual(64 * 1024);
    expect(cache.size.entries).toBe(3);
  });
});
