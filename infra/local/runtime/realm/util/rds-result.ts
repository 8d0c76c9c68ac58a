/**
 * `toJsonObject`: turns an RDS Data API `ExecuteStatement` result (the JSON string AppSync puts in
 * `ctx.result`, or the parsed object) into one array of row objects per statement.
 *
 * Behaviour recorded from AppSync (EvaluateCode, localstack/appsync-utils snapshots):
 * - the result is nested per statement: `[[row, row], [row]]`;
 * - a row's keys are the column `label`, else its `name`;
 * - a NULL column is left out of the row;
 * - a statement without `records` (INSERT/UPDATE/DELETE) gives `[{}]`;
 * - array values become nested arrays, a blob stays the base64 text the Data API sends.
 * Input that is not a Data API result gives `null`, as the AppSync docs state.
 */
export function rdsResultToJson(input: unknown): Record<string, unknown>[][] | null {
  const parsed = typeof input === 'string' ? parseJson(input) : input;
  if (!isMap(parsed)) return null;
  const results = parsed['sqlStatementResults'];
  if (!Array.isArray(results)) return null;
  const converted: Record<string, unknown>[][] = [];
  for (const result of results as unknown[]) {
    if (!isMap(result)) return null;
    converted.push(convertStatementResult(result));
  }
  return converted;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function convertStatementResult(result: Record<string, unknown>): Record<string, unknown>[] {
  const records = result['records'];
  if (!Array.isArray(records)) return [{}];
  const metadata = result['columnMetadata'];
  const names = (Array.isArray(metadata) ? (metadata as unknown[]) : []).map(columnName);
  return (records as unknown[]).map((record) => {
    const row: Record<string, unknown> = {};
    if (!Array.isArray(record)) return row;
    (record as unknown[]).forEach((field, index) => {
      const name = names[index];
      const value = convertField(field);
      if (name === undefined || value === undefined) return;
      Object.defineProperty(row, name, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    });
    return row;
  });
}

function columnName(column: unknown): string | undefined {
  if (!isMap(column)) return undefined;
  const { label, name } = column;
  if (typeof label === 'string' && label !== '') return label;
  return typeof name === 'string' ? name : undefined;
}

/** Field keys whose value is taken as is (Data API `Field` plus the older RDS `Value` members). */
const SCALAR_FIELDS = [
  'stringValue',
  'longValue',
  'doubleValue',
  'booleanValue',
  'blobValue',
  'bitValue',
  'bigIntValue',
  'intValue',
  'realValue',
] as const;

/** A column value, or `undefined` for NULL or an unrecognised field. */
function convertField(field: unknown): unknown {
  if (!isMap(field) || field['isNull'] === true) return undefined;
  for (const key of SCALAR_FIELDS) {
    if (key in field) return field[key];
  }
  if (isMap(field['arrayValue'])) return convertArray(field['arrayValue']);
  const struct = field['structValue'];
  if (isMap(struct) && Array.isArray(struct['attributes'])) {
    return (struct['attributes'] as unknown[]).map((attribute) => convertField(attribute) ?? null);
  }
  return undefined;
}

const ARRAY_FIELDS = ['booleanValues', 'doubleValues', 'longValues', 'stringValues'] as const;

function convertArray(array: Record<string, unknown>): unknown[] {
  const nested = array['arrayValues'];
  if (Array.isArray(nested)) {
    return (nested as unknown[]).map((item) => (isMap(item) ? convertArray(item) : null));
  }
  for (const key of ARRAY_FIELDS) {
    const values = array[key];
    if (Array.isArray(values)) return [...(values as unknown[])];
  }
  return [];
}
