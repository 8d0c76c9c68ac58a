import { setOwn } from '../checks';
import { isTypeHint, type TemplateStatement } from './rds-model';

/** What differs between `createPgStatement` and `createMySQLStatement`. */
export interface Dialect {
  /** The entry point's name, as AppSync's messages name it. */
  readonly entry: 'createPgStatement' | 'createMySQLStatement';
  readonly quote: '"' | '`';
  /** `RETURNING` exists in PostgreSQL only. */
  readonly supportsReturning: boolean;
}

export const POSTGRES: Dialect = {
  entry: 'createPgStatement',
  quote: '"',
  supportsReturning: true,
};
export const MYSQL: Dialect = {
  entry: 'createMySQLStatement',
  quote: '`',
  supportsReturning: false,
};

/**
 * One `createPgStatement`/`createMySQLStatement` call: the dialect plus the variable map that every
 * statement of the call shares. Variables are numbered `:P0, :P1, ...` in the order they appear in
 * the text, across both statements.
 */
export class SqlContext {
  readonly variableMap: Record<string, unknown> = {};
  readonly variableTypeHintMap: Record<string, string> = {};
  private next = 0;

  constructor(readonly dialect: Dialect) {}

  /** Binds a value to the next variable; a type hint binds its value and records its type. */
  bind(value: unknown): string {
    const name = `:P${this.next}`;
    this.next += 1;
    if (isTypeHint(value)) {
      setOwn(this.variableMap, name, value.value ?? null);
      setOwn(this.variableTypeHintMap, name, value.type);
    } else {
      setOwn(this.variableMap, name, value ?? null);
    }
    return name;
  }

  /** A value that may be absent: AppSync writes a NULL literal instead of binding it. */
  bindOrNull(value: unknown): string {
    return value === null || value === undefined ? 'NULL' : this.bind(value);
  }

  /** A `sql` template's text with every interpolated value bound, in order. */
  template(statement: TemplateStatement): string {
    let text = statement.strings[0] ?? '';
    statement.values.forEach((value, index) => {
      text += this.bind(value) + (statement.strings[index + 1] ?? '');
    });
    return text;
  }

  /** Quotes `schema.table.column` one segment at a time, doubling any embedded quote. */
  identifier(name: string): string {
    const q = this.dialect.quote;
    return name
      .split('.')
      .map((segment) => `${q}${segment.split(q).join(q + q)}${q}`)
      .join('.');
  }

  /** A column reference where a lone `*` means every column and stays unquoted. */
  column(name: string): string {
    return name === '*' ? '*' : this.identifier(name);
  }
}

/** Thrown for input AppSync rejects; the message is AppSync's own where it has been recorded. */
export function rdsError(message: string): Error {
  return new Error(message);
}
