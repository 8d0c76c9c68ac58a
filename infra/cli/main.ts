/**
 * `courier <command>`: the command-line contract of design.md §3. Each command is one module; this
 * file only dispatches and prints usage.
 */

interface Command {
  readonly summary: string;
  readonly run: (args: readonly string[]) => Promise<number>;
}

const commands: Readonly<Record<string, Command>> = {
  start: {
    summary: 'serve the API offline on 127.0.0.1 with its GraphiQL explorer',
    run: async (args) => (await import('./start')).runStart(args),
  },
  token: {
    summary: 'print a local Cognito-style token: courier token --user NAME [--groups a,b]',
    run: async (args) => (await import('./token')).runToken(args),
  },
  credentials: {
    summary: "print the data directory's local AWS credentials (DynamoDB Local, IAM) as env lines",
    run: async (args) => (await import('./credentials')).runCredentials(args),
  },
  evaluate: {
    summary:
      "run AppSync's EvaluateCode offline: courier evaluate --code FILE --context FILE --function request|response",
    run: async (args) => (await import('./evaluate')).runEvaluate(args),
  },
};

function usage(): string {
  const lines = Object.entries(commands).map(
    ([name, command]) => `  ${name.padEnd(11)} ${command.summary}`,
  );
  return ['Usage: courier <command> [options]', '', 'Commands:', ...lines].join('\n');
}

/** Runs the command line and returns the exit code. */
export async function runCli(argv: readonly string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name === undefined ? 2 : 0;
  }
  const command = commands[name];
  if (!command) {
    console.error(
      `courier: unknown command ${JSON.stringify(name)}; expected one of: ${Object.keys(commands).join(', ')}.\n\n${usage()}`,
    );
    return 2;
  }
  return command.run(args);
}
