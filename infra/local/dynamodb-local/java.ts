import fs from 'node:fs';
import path from 'node:path';
import { JavaMissingError } from './errors';

const INSTALL_HINT =
  'Install a JRE (Debian/Ubuntu: `apt-get install -y openjdk-17-jre-headless`) or set JAVA_HOME.';
const NEEDS = 'DynamoDB Local needs Java 17 or newer';

/** The Java command to run and how to name it in messages. */
export interface JavaCommand {
  readonly command: string;
  /** Where the command came from, for error messages. */
  readonly origin: 'option' | 'JAVA_HOME' | 'PATH';
}

/** The `javaCommand` option, else `$JAVA_HOME/bin/java`, else `java` from PATH. */
export function javaCommand(
  option: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): JavaCommand {
  if (option !== undefined) {
    return { command: option, origin: 'option' };
  }
  const home = env['JAVA_HOME'];
  if (home !== undefined && home !== '') {
    return { command: path.join(home, 'bin', 'java'), origin: 'JAVA_HOME' };
  }
  return { command: 'java', origin: 'PATH' };
}

/**
 * Refuses, before anything is spawned, a Java command that does not exist: a path that is not an
 * executable file, or a bare name found on no PATH entry.
 */
export function assertJavaExists(java: JavaCommand, env: NodeJS.ProcessEnv = process.env): void {
  const { command } = java;
  if (command.includes(path.sep) || path.isAbsolute(command)) {
    if (!isExecutable(command)) {
      throw javaMissing(java);
    }
    return;
  }
  const found = (env['PATH'] ?? '')
    .split(path.delimiter)
    .filter((dir) => dir !== '')
    .some((dir) => isExecutable(path.join(dir, command)));
  if (!found) {
    throw javaMissing(java);
  }
}

/** The one-line error for a Java command that is missing (or vanished between check and spawn). */
export function javaMissing(java: JavaCommand, cause?: unknown): JavaMissingError {
  const where =
    java.origin === 'PATH'
      ? `\`${java.command}\` was not found on PATH`
      : java.origin === 'JAVA_HOME'
        ? `\`${java.command}\` (from JAVA_HOME) does not exist`
        : `\`${java.command}\` does not exist`;
  return new JavaMissingError(`${NEEDS}, and ${where}. ${INSTALL_HINT}`, { cause });
}

/**
 * Recognises a JVM older than 17 from what it printed when refusing DynamoDB Local's classes, e.g.
 * "class file version 61.0, this version of the Java Runtime only recognizes class file versions
 * up to 55.0" (class-file version minus 44 is the Java version).
 */
export function javaTooOld(java: JavaCommand, output: string): JavaMissingError | undefined {
  if (!output.includes('UnsupportedClassVersionError')) {
    return undefined;
  }
  const match = /recognizes class file versions up to (\d+)/.exec(output);
  const version = match?.[1] === undefined ? 'older' : `Java ${Number(match[1]) - 44}`;
  return new JavaMissingError(`${NEEDS}, and \`${java.command}\` is ${version}. ${INSTALL_HINT}`);
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
