import type { CodeProblem } from '../../../appsync/code-check';
import { CodeLoadError, Sandbox, type InvocationOutcome } from '../sandbox/sandbox';

/** AppSync's EvaluateCode request [evaluate-code.md §1]: the same members, the same limits. */
export interface EvaluateCodeRequest {
  readonly runtime: { readonly name: string; readonly runtimeVersion: string };
  readonly code: string;
  /** The context as JSON text, as the API takes it. */
  readonly context: string;
  readonly function?: string;
}

export interface CodeError {
  readonly errorType: string;
  readonly value: string;
  readonly location: { readonly line: number; readonly column: number; readonly span: number };
}

/** AppSync's EvaluateCode response: members appear only when they have a value, in this order. */
export interface EvaluateCodeResponse {
  evaluationResult?: string;
  error?: { message: string; codeErrors?: CodeError[] };
  logs?: string[];
  stash?: string;
  outErrors?: string;
}

/** What EvaluateCode refuses before running anything (AppSync's BadRequestException). */
export class EvaluateCodeInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'EvaluateCodeInputError';
  }
}

const CODE_MAX = 32_768;
const CONTEXT_MIN = 2;
const CONTEXT_MAX = 28_000;

function validate(request: EvaluateCodeRequest): {
  context: Record<string, unknown>;
  handler: 'request' | 'response';
} {
  const { runtime } = request;
  if (runtime?.name !== 'APPSYNC_JS' || runtime.runtimeVersion !== '1.0.0') {
    throw new EvaluateCodeInputError(
      'runtime',
      `received ${JSON.stringify(runtime)}; the only runtime is {"name":"APPSYNC_JS","runtimeVersion":"1.0.0"}.`,
    );
  }
  if (
    typeof request.code !== 'string' ||
    request.code.length < 1 ||
    request.code.length > CODE_MAX
  ) {
    throw new EvaluateCodeInputError(
      'code',
      `received ${String(request.code?.length ?? 0)} characters; expected 1 to ${CODE_MAX}.`,
    );
  }
  if (
    typeof request.context !== 'string' ||
    request.context.length < CONTEXT_MIN ||
    request.context.length > CONTEXT_MAX
  ) {
    throw new EvaluateCodeInputError(
      'context',
      `received ${String(request.context?.length ?? 0)} characters; expected JSON text of ${CONTEXT_MIN} to ${CONTEXT_MAX}.`,
    );
  }
  let context: unknown;
  try {
    context = JSON.parse(request.context);
  } catch (error) {
    throw new EvaluateCodeInputError('context', `is not valid JSON (${(error as Error).message}).`);
  }
  if (context === null || typeof context !== 'object' || Array.isArray(context)) {
    throw new EvaluateCodeInputError('context', 'must be a JSON object (the ctx of the handler).');
  }
  const handler = request.function ?? 'request';
  if (handler !== 'request' && handler !== 'response') {
    throw new EvaluateCodeInputError(
      'function',
      `received ${JSON.stringify(handler)}; expected "request" or "response".`,
    );
  }
  return { context: context as Record<string, unknown>, handler };
}

/** The context AppSync hands a handler: `args` mirrors `arguments`, and `stash` always exists. */
function handlerContext(context: Record<string, unknown>): Record<string, unknown> {
  const args = context['arguments'] ?? context['args'] ?? {};
  return { ...context, arguments: args, args, stash: context['stash'] ?? {} };
}

/** Static problems as AppSync reports them: TypeScript's `code.js(L,C): error TS…` form. */
function codeErrors(problems: readonly CodeProblem[]): EvaluateCodeResponse {
  const describe = (problem: CodeProblem): string =>
    `code.js(${problem.line},${problem.column}): error ${problem.rule}: ${problem.message}`;
  return {
    error: {
      message: describe(problems[0] as CodeProblem),
      codeErrors: problems.map((problem) => ({
        errorType: problem.kind === 'lint' ? 'LINT_ERROR' : 'PARSE_ERROR',
        value: `${describe(problem)}\n`,
        location: { line: problem.line, column: problem.column, span: problem.span },
      })),
    },
  };
}

function fromOutcome(outcome: InvocationOutcome): EvaluateCodeResponse {
  const response: EvaluateCodeResponse = {};
  if (outcome.kind === 'error') {
    response.error = { message: outcome.error.message };
  } else {
    response.evaluationResult = JSON.stringify(outcome.value);
  }
  response.logs = outcome.record.logs;
  if (
    outcome.stash !== null &&
    typeof outcome.stash === 'object' &&
    Object.keys(outcome.stash).length > 0
  ) {
    response.stash = JSON.stringify(outcome.stash);
  }
  if (outcome.record.errors.length > 0) {
    response.outErrors = JSON.stringify(outcome.record.errors);
  }
  return response;
}

/**
 * AppSync's EvaluateCode, offline: checks the code as AppSync does, runs one handler in the
 * APPSYNC_JS sandbox, and answers with EvaluateCode's response shape. Problems in the code are
 * part of the response; only a malformed request throws (EvaluateCodeInputError).
 */
export async function evaluateCode(
  request: EvaluateCodeRequest,
  options: { sandbox?: Sandbox } = {},
): Promise<EvaluateCodeResponse> {
  const { context, handler } = validate(request);
  const sandbox = options.sandbox ?? Sandbox.create();
  let loaded;
  try {
    loaded = sandbox.load(request.code);
  } catch (error) {
    if (error instanceof CodeLoadError) {
      return codeErrors(error.problems);
    }
    throw error;
  }
  return fromOutcome(sandbox.invoke(loaded, { handler, context: handlerContext(context) }));
}
