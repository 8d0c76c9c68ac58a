/** No usable Java: DynamoDB Local is a Java program and needs Java 17 or newer. */
export class JavaMissingError extends Error {
  readonly code = 'JAVA_MISSING';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'JavaMissingError';
  }
}

/** Why DynamoDB Local did not start; `output` holds the tail of what the JVM printed. */
export type DynamoDbLocalStartErrorCode = 'PORT_IN_USE' | 'EXITED' | 'NOT_READY';

/** DynamoDB Local did not become ready; nothing it started is left running. */
export class DynamoDbLocalStartError extends Error {
  constructor(
    message: string,
    readonly code: DynamoDbLocalStartErrorCode,
    readonly output: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DynamoDbLocalStartError';
  }
}
