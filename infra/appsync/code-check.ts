import appsyncPlugin from '@aws-appsync/eslint-plugin';
import { Linter } from 'eslint';
import path from 'node:path';
import ts from 'typescript';
import tseslint from 'typescript-eslint';

/** One piece of APPSYNC_JS code to check, named as its problems should name it (e.g. `code.js`). */
export interface CodeSource {
  readonly name: string;
  readonly code: string;
}

/** A reason AppSync would refuse the code, located in that code. */
export interface CodeProblem {
  readonly unit: string;
  readonly line: number;
  readonly column: number;
  /** `syntax` (does not parse), `lint` (an APPSYNC_JS rule), `type` (the check against @aws-appsync/utils). */
  readonly kind: 'syntax' | 'lint' | 'type';
  /** The eslint rule (`@aws-appsync/no-while`) or TypeScript code (`TS2339`). */
  readonly rule: string;
  readonly message: string;
  /** Length of the offending text, or -1 when unknown (as EvaluateCode's CodeErrorLocation). */
  readonly span: number;
}

const utilsPackage = path.dirname(require.resolve('@aws-appsync/utils/package.json'));

/** Declarations of the globals APPSYNC_JS adds (console), checked along with every source. */
export const appsyncGlobalsFile = path.join(__dirname, 'globals.d.ts');
export const utilsDeclarations = path.join(utilsPackage, 'lib', 'index.d.ts');

/**
 * The options AppSync's own check amounts to: ECMAScript only, @aws-appsync/utils as the only
 * module, JavaScript checked as with `// @ts-check` (aws/aws-appsync-community#334).
 */
export const appsyncCompilerOptions = {
  allowJs: true,
  checkJs: true,
  noEmit: true,
  target: 'ES2022',
  lib: ['ES2022'],
  module: 'ESNext',
  moduleResolution: 'Bundler',
  types: [] as string[],
  skipLibCheck: true,
  paths: {
    '@aws-appsync/utils': [utilsPackage],
    '@aws-appsync/utils/*': [`${utilsPackage}/*`],
  },
};

/** Virtual files live here, so that their names never collide with real ones. */
const VIRTUAL_ROOT = path.join(path.sep, '__courier_code__');

/** Each source gets a folder of its own, so any unit name (`../x.js`, `T.f/01.a.js`) maps safely. */
function virtualPath(index: number): string {
  return path.join(VIRTUAL_ROOT, String(index), 'code.js');
}

function createProgram(sources: readonly CodeSource[]): ts.Program {
  const options = ts.convertCompilerOptionsFromJson(appsyncCompilerOptions, VIRTUAL_ROOT).options;
  const files = new Map(sources.map((source, index) => [virtualPath(index), source.code]));
  const host = ts.createCompilerHost(options, true);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (file) => files.get(file) ?? readFile(file);
  host.fileExists = (file) => files.has(file) || fileExists(file);
  host.getSourceFile = (file, languageVersion, onError, shouldCreate) => {
    const text = files.get(file);
    return text === undefined
      ? getSourceFile(file, languageVersion, onError, shouldCreate)
      : ts.createSourceFile(file, text, languageVersion, true, ts.ScriptKind.JS);
  };
  // The utils declarations are always in: they declare util, extensions and runtime as globals,
  // which AppSync provides without an import.
  return ts.createProgram([appsyncGlobalsFile, utilsDeclarations, ...files.keys()], options, host);
}

function typeProblems(
  program: ts.Program,
  unitsByPath: ReadonlyMap<string, string>,
): CodeProblem[] {
  return ts.getPreEmitDiagnostics(program).flatMap((diagnostic) => {
    const unit = diagnostic.file ? unitsByPath.get(diagnostic.file.fileName) : undefined;
    if (!diagnostic.file || diagnostic.start === undefined || unit === undefined) {
      return [];
    }
    const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    const syntax = diagnostic.code < 2000;
    return [
      {
        unit,
        line: line + 1,
        column: character + 1,
        kind: syntax ? ('syntax' as const) : ('type' as const),
        rule: `TS${diagnostic.code}`,
        message: ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'),
        span: diagnostic.length ?? -1,
      },
    ];
  });
}

function lintProblems(
  program: ts.Program,
  sources: readonly (CodeSource & { index: number })[],
): CodeProblem[] {
  const recommended = appsyncPlugin.configs?.['recommended'] as Linter.Config;
  const config: Linter.Config[] = [
    {
      ...recommended,
      files: ['**/*.js'],
      languageOptions: {
        parser: tseslint.parser,
        sourceType: 'module',
        parserOptions: { programs: [program] },
      },
    },
  ];
  const linter = new Linter({ configType: 'flat', cwd: VIRTUAL_ROOT });
  return sources.flatMap((source) =>
    linter
      .verify(source.code, config, { filename: virtualPath(source.index) })
      // A source that does not parse is reported once, by the type check's syntax diagnostics.
      .filter((message) => !message.fatal)
      .map((message) => ({
        unit: source.name,
        line: message.line,
        column: message.column,
        kind: 'lint' as const,
        rule: message.ruleId ?? 'eslint',
        message: message.message,
        span:
          message.endLine === message.line && message.endColumn !== undefined
            ? message.endColumn - message.column
            : -1,
      })),
  );
}

/**
 * Checks code as AppSync does when a resolver or function is created: it must parse, follow the
 * APPSYNC_JS rules of @aws-appsync/eslint-plugin (`recommended`), and type-check as JavaScript
 * against @aws-appsync/utils. One TypeScript program serves every source.
 */
export function checkAppSyncCode(sources: readonly CodeSource[]): CodeProblem[] {
  if (sources.length === 0) {
    return [];
  }
  const program = createProgram(sources);
  const unitsByPath = new Map(sources.map((source, index) => [virtualPath(index), source.name]));
  const syntaxAndTypes = typeProblems(program, unitsByPath);
  const unparsable = new Set(
    syntaxAndTypes.filter((problem) => problem.kind === 'syntax').map((problem) => problem.unit),
  );
  const lint = lintProblems(
    program,
    sources
      .map((source, index) => ({ ...source, index }))
      .filter((source) => !unparsable.has(source.name)),
  );
  return [...syntaxAndTypes, ...lint].sort(
    (a, b) => a.unit.localeCompare(b.unit) || a.line - b.line || a.column - b.column,
  );
}

export function formatProblem(problem: CodeProblem): string {
  return `${problem.unit}:${problem.line}:${problem.column}: ${problem.message} (${problem.rule})`;
}
