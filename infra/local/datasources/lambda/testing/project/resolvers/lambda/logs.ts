// The project's APPSYNC_JS globals narrow `console` to log and error; a Lambda has Node's console.
const nodeConsole = console as unknown as Console;

/** Writes to every console method and to stdout directly. */
export async function handler(event: { word: string }): Promise<string> {
  nodeConsole.log('log %s', event.word);
  nodeConsole.info('info', { n: 1 });
  nodeConsole.warn('warn');
  nodeConsole.error('two\nlines');
  process.stdout.write('raw stdout\n');
  return 'logged';
}
