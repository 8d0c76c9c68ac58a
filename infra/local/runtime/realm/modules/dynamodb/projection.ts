import { describe } from '../../util/transform/values';

/**
 * `projection: ['id', 'author.name', 'tags[0]']` → a ProjectionExpression. Every path segment gets
 * the `#<segment>` placeholder the filter helpers use; list indexes stay literal:
 * `{expression: '#id, #author.#name, #tags[0]', expressionNames: {...}}`.
 */
export interface ProjectionExpression {
  readonly expression: string;
  readonly expressionNames: Record<string, string>;
}

const SEGMENT = /^([^.[\]]+)((?:\[\d+\])*)$/;

function pathExpression(fn: string, path: string, names: Record<string, string>): string {
  return path
    .split('.')
    .map((segment) => {
      const match = SEGMENT.exec(segment);
      const name = match?.[1];
      if (match === null || name === undefined) {
        throw new Error(
          `${fn}: projection path ${describe(path)} is not an attribute path such as "name", "author.name" or "tags[0]".`,
        );
      }
      names[`#${name}`] = name;
      return `#${name}${match[2] ?? ''}`;
    })
    .join('.');
}

/** Returns undefined for an absent or empty list, which means "all attributes". */
export function buildProjection(projection: unknown, fn: string): ProjectionExpression | undefined {
  if (projection === undefined || projection === null) {
    return undefined;
  }
  if (!Array.isArray(projection) || !projection.every((p) => typeof p === 'string')) {
    throw new TypeError(
      `${fn}: projection must be an array of attribute paths; got ${describe(projection)}.`,
    );
  }
  if (projection.length === 0) {
    return undefined;
  }
  const expressionNames: Record<string, string> = {};
  const expression = (projection as string[])
    .map((path) => pathExpression(fn, path, expressionNames))
    .join(', ');
  return { expression, expressionNames };
}
