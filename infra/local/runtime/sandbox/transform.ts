import { parse, type Node } from 'acorn';
import { full } from 'acorn-walk';
import MagicString from 'magic-string';

/** The module specifiers APPSYNC_JS resolves; everything else must be bundled in. */
export const APPSYNC_MODULES = [
  '@aws-appsync/utils',
  '@aws-appsync/utils/dynamodb',
  '@aws-appsync/utils/rds',
  '@aws-appsync/utils/ai',
] as const;

export const MODULES_PARAMETER = '__courier_modules';
export const TICK_FUNCTION = '__courier_tick';

/** A position in the code as the author wrote it (1-based line, 1-based column, as AppSync prints). */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

export interface TransformedModule {
  /** A script whose completion value is a factory: `(modules, tick) => exports`. */
  readonly script: string;
  /** Maps a position in `script` (1-based line, 0-based column, as V8 reports) back to the code. */
  readonly originalPosition: (line: number, column: number) => SourcePosition | null;
}

export class ModuleShapeError extends Error {
  constructor(
    message: string,
    readonly position: SourcePosition,
  ) {
    super(message);
    this.name = 'ModuleShapeError';
  }
}

interface Ranged {
  readonly start: number;
  readonly end: number;
}

type AnyNode = Node & Record<string, unknown>;

function positionOf(code: string, offset: number): SourcePosition {
  const before = code.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** Replaces a range with spaces (newlines kept), so every other position stays where it was. */
function blank(text: MagicString, code: string, node: Ranged): void {
  text.overwrite(node.start, node.end, code.slice(node.start, node.end).replace(/[^\n]/g, ' '));
}

function identifierName(node: unknown): string | null {
  const candidate = node as { type?: string; name?: string; value?: unknown } | null;
  if (candidate?.type === 'Identifier' && typeof candidate.name === 'string') {
    return candidate.name;
  }
  if (candidate?.type === 'Literal' && typeof candidate.value === 'string') {
    return candidate.value;
  }
  return null;
}

/** Imports become bindings from the modules parameter; returns the prologue declarations. */
function rewriteImports(program: AnyNode, code: string, text: MagicString): string[] {
  const declarations: string[] = [];
  for (const node of program['body'] as AnyNode[]) {
    if (node.type !== 'ImportDeclaration') {
      continue;
    }
    const specifier = String((node['source'] as { value: unknown }).value);
    if (!(APPSYNC_MODULES as readonly string[]).includes(specifier)) {
      throw new ModuleShapeError(
        `Cannot import ${JSON.stringify(specifier)}: APPSYNC_JS resolves only ${APPSYNC_MODULES.join(', ')}; bundle everything else into the code.`,
        positionOf(code, node.start),
      );
    }
    const source = `${MODULES_PARAMETER}[${JSON.stringify(specifier)}]`;
    for (const spec of node['specifiers'] as AnyNode[]) {
      const local = identifierName(spec['local']) ?? '';
      if (spec.type === 'ImportNamespaceSpecifier') {
        declarations.push(`const ${local} = ${source};`);
      } else if (spec.type === 'ImportDefaultSpecifier') {
        declarations.push(`const ${local} = ${source}.default;`);
      } else {
        declarations.push(
          `const ${local} = ${source}[${JSON.stringify(identifierName(spec['imported']))}];`,
        );
      }
    }
    blank(text, code, node);
  }
  return declarations;
}

/** `export` keywords disappear; the exported bindings are returned by the factory. */
function rewriteExports(program: AnyNode, code: string, text: MagicString): Map<string, string> {
  const exported = new Map<string, string>();
  for (const node of program['body'] as AnyNode[]) {
    if (
      node.type === 'ExportAllDeclaration' ||
      (node.type === 'ExportNamedDeclaration' && node['source'])
    ) {
      throw new ModuleShapeError(
        'Re-exports (`export ... from`) are not supported in resolver code; bundle it first.',
        positionOf(code, node.start),
      );
    }
    if (node.type === 'ExportNamedDeclaration') {
      const declaration = node['declaration'] as AnyNode | null;
      if (declaration) {
        const names =
          declaration.type === 'VariableDeclaration'
            ? (declaration['declarations'] as AnyNode[]).map((d) => identifierName(d['id']))
            : [identifierName(declaration['id'])];
        names.forEach((name) => name && exported.set(name, name));
        blank(text, code, { start: node.start, end: declaration.start });
      } else {
        for (const spec of node['specifiers'] as AnyNode[]) {
          exported.set(identifierName(spec['exported']) ?? '', identifierName(spec['local']) ?? '');
        }
        blank(text, code, node);
      }
    } else if (node.type === 'ExportDefaultDeclaration') {
      const declaration = node['declaration'] as AnyNode;
      const name = identifierName(declaration['id']);
      if (
        name &&
        (declaration.type === 'FunctionDeclaration' || declaration.type === 'ClassDeclaration')
      ) {
        exported.set('default', name);
        blank(text, code, { start: node.start, end: declaration.start });
      } else {
        exported.set('default', '__courier_default');
        text.overwrite(node.start, declaration.start, 'const __courier_default = ');
      }
    }
  }
  return exported;
}

const TICK = `${TICK_FUNCTION}();`;

function tickAtStartOf(text: MagicString, body: AnyNode): void {
  if (body.type === 'BlockStatement') {
    text.appendLeft(body.start + 1, TICK);
  } else {
    text.appendLeft(body.start, `{${TICK}`);
    text.prependRight(body.end, '}');
  }
}

/**
 * Every function entry and loop iteration counts against the invocation's time budget: APPSYNC_JS
 * has no other way to loop, so a runaway handler is always stopped at one of these ticks.
 */
function insertTicks(program: AnyNode, text: MagicString): void {
  full(program as Node, (node) => {
    const current = node as AnyNode;
    switch (current.type) {
      case 'FunctionDeclaration':
      case 'FunctionExpression':
        tickAtStartOf(text, current['body'] as AnyNode);
        break;
      case 'ArrowFunctionExpression': {
        const body = current['body'] as AnyNode;
        if (body.type === 'BlockStatement') {
          tickAtStartOf(text, body);
        } else {
          text.appendLeft(body.start, `(${TICK_FUNCTION}(), `);
          text.prependRight(body.end, ')');
        }
        break;
      }
      case 'ForOfStatement':
      case 'ForInStatement':
      case 'ForStatement':
      case 'WhileStatement':
      case 'DoWhileStatement':
        tickAtStartOf(text, current['body'] as AnyNode);
        break;
      default:
        break;
    }
  });
}

interface Segment {
  readonly generatedColumn: number;
  readonly line: number;
  readonly column: number;
}

/**
 * Turns a bundled ES module into a factory script for the sandbox: imports of @aws-appsync/utils*
 * read from the modules parameter, exports are returned, and ticks guard every loop and function.
 * Each invocation calls the factory anew, so module-level state never outlives an invocation.
 */
export function transformModule(
  code: string,
  options: { ticks?: boolean } = {},
): TransformedModule {
  let program: AnyNode;
  try {
    program = parse(code, { ecmaVersion: 'latest', sourceType: 'module' }) as unknown as AnyNode;
  } catch (error) {
    const { loc } = error as { loc?: { line: number; column: number } };
    throw new ModuleShapeError((error as Error).message.replace(/ \(\d+:\d+\)$/, ''), {
      line: loc?.line ?? 1,
      column: (loc?.column ?? 0) + 1,
    });
  }
  const text = new MagicString(code);
  const declarations = rewriteImports(program, code, text);
  const exported = rewriteExports(program, code, text);
  if (options.ticks !== false) {
    insertTicks(program, text);
  }
  const returned = [...exported]
    .map(([name, local]) => `${JSON.stringify(name)}: ${local}`)
    .join(', ');
  text.prepend(
    `(function (${MODULES_PARAMETER}, ${TICK_FUNCTION}) {"use strict";${declarations.join('')}\n`,
  );
  text.append(`\nreturn {${returned}};\n})`);

  const map = text.generateDecodedMap({ hires: true });
  const lines: Segment[][] = map.mappings.map((segments) =>
    segments
      .filter((segment) => segment.length >= 4)
      .map((segment) => ({
        generatedColumn: segment[0],
        line: segment[2] as number,
        column: segment[3] as number,
      })),
  );
  return {
    script: text.toString(),
    originalPosition(line, column) {
      const segments = lines[line - 1] ?? [];
      const segment = segments.filter((candidate) => candidate.generatedColumn <= column).pop();
      return segment
        ? {
            line: segment.line + 1,
            column: segment.column + (column - segment.generatedColumn) + 1,
          }
        : null;
    },
  };
}
