/**
 * AppSync's enhanced subscription filters [runtime §9.3, §9.4]: the JSON a subscription resolver
 * hands to `extensions.setSubscriptionFilter` / `setSubscriptionInvalidationFilter`, checked
 * against AppSync's grammar and limits when the subscription starts, then evaluated against each
 * published mutation result (or invalidation payload). Pure functions: no I/O, no state.
 */

export type FilterOperator =
  | 'eq'
  | 'ne'
  | 'le'
  | 'lt'
  | 'ge'
  | 'gt'
  | 'contains'
  | 'notContains'
  | 'beginsWith'
  | 'in'
  | 'notIn'
  | 'between'
  | 'containsAny';

/** A value a filter compares with. */
export type FilterScalar = string | number | boolean;

/** One condition on one payload field, as checked: values are copies in this realm. */
export type SubscriptionFilterEntry = { readonly fieldName: string } & (
  | { readonly operator: 'eq' | 'ne'; readonly value: FilterScalar | null }
  | { readonly operator: 'le' | 'lt' | 'ge' | 'gt'; readonly value: string | number }
  | { readonly operator: 'contains' | 'notContains'; readonly value: FilterScalar }
  | { readonly operator: 'beginsWith'; readonly value: string }
  | { readonly operator: 'in' | 'notIn'; readonly value: readonly (string | number)[] }
  | { readonly operator: 'between'; readonly value: readonly [string | number, string | number] }
  | { readonly operator: 'containsAny'; readonly value: readonly FilterScalar[] }
);

/** Conditions that must all hold (AND). */
export interface SubscriptionFilterGroup {
  readonly filters: readonly SubscriptionFilterEntry[];
}

/**
 * A checked enhanced filter: a payload passes when any group holds (OR). The d.ts type of
 * `@aws-appsync/utils` leaves out `containsAny`; this one has every operator AppSync documents.
 */
export interface SubscriptionFilter {
  readonly filterGroup: readonly SubscriptionFilterGroup[];
}

/** AppSync's enhanced-filter limits [runtime §9.3]; exceeding one rejects the subscription. */
export const SUBSCRIPTION_FILTER_LIMITS = {
  /** Entries of `filterGroup` (ORed). */
  groups: 10,
  /** Entries of one group's `filters` (ANDed), each on its own fieldName. */
  filtersPerGroup: 5,
  /** Distinct fieldNames over the whole filter ("Filters exceed maximum attributes limit 5"). */
  fieldNames: 5,
  /** OR'ed alternatives once each `in` is expanded into one alternative per value. */
  combinations: 10,
  /** Values of an `in` / `notIn` list. */
  inValues: 5,
  /** Values of a `containsAny` list. */
  containsAnyValues: 20,
  /** Characters of a fieldName and of each string value. */
  stringLength: 256,
  /** Dot-separated levels of a fieldName. */
  depth: 5,
} as const;

export type SubscriptionFilterCheck =
  | { readonly ok: true; readonly filter: SubscriptionFilter }
  | { readonly ok: false; readonly message: string };

const L = SUBSCRIPTION_FILTER_LIMITS;

// ---------------------------------------------------------------------------------------------
// Checking
// ---------------------------------------------------------------------------------------------

/** Raised inside the checker only; the public API returns `{ ok: false, message }` instead. */
class FilterRejection extends Error {}

function reject(message: string): never {
  throw new FilterRejection(message);
}

/**
 * Objects may come from the resolver sandbox (another realm), so no prototype checks: anything
 * object-shaped that is not an array counts.
 */
function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const MAX_SHOWN = 80;

/** A short rendering of a received value for messages. */
function show(value: unknown): string {
  if (value === undefined) {
    return 'undefined';
  }
  if (typeof value === 'number' && !Number.isFinite(value)) {
    return String(value);
  }
  let text: string;
  try {
    text = JSON.stringify(value) ?? typeof value;
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
}

type ValueKind = 'string' | 'number' | 'boolean';

const KIND_TEXT: Readonly<Record<string, string>> = {
  'string,number': 'a string or a number',
  'string,number,boolean': 'a string, a number or a boolean',
  string: 'a string',
};

function scalarValue(value: unknown, kinds: readonly ValueKind[], where: string): FilterScalar {
  const expected = KIND_TEXT[kinds.join(',')] ?? kinds.join(' or ');
  if (!kinds.includes(typeof value as ValueKind)) {
    reject(`${where} must be ${expected}; got ${show(value)}.`);
  }
  if (typeof value === 'number' && !Number.isFinite(value)) {
    reject(`${where} must be a finite number; got ${show(value)}.`);
  }
  if (typeof value === 'string' && value.length > L.stringLength) {
    reject(
      `${where} is a string of ${value.length} characters; strings are limited to ${L.stringLength}.`,
    );
  }
  return value as FilterScalar;
}

function listValue(
  value: unknown,
  kinds: readonly ValueKind[],
  max: number,
  where: string,
  operator: string,
): FilterScalar[] {
  if (!Array.isArray(value) || value.length === 0) {
    reject(
      `subscription filter has invalid filter value for operator \`${operator}\`: ${where} must be a non-empty array of at most ${max} values; got ${show(value)}.`,
    );
  }
  if (value.length > max) {
    reject(
      `subscription filter has invalid filter value for operator \`${operator}\`: ${where} has ${value.length} values; at most ${max} are allowed.`,
    );
  }
  // Array.from, not value.map: a sandbox array's map would build the copy in the sandbox's realm.
  return Array.from(value, (item: unknown, i) => scalarValue(item, kinds, `${where}[${i}]`));
}

const ORDERED: readonly ValueKind[] = ['string', 'number'];
const SCALAR: readonly ValueKind[] = ['string', 'number', 'boolean'];

/** Checks and copies one entry's value for its operator. */
function checkedValue(operator: FilterOperator, value: unknown, where: string): unknown {
  switch (operator) {
    case 'eq':
    case 'ne':
      return value === null ? null : scalarValue(value, SCALAR, where);
    case 'le':
    case 'lt':
    case 'ge':
    case 'gt':
      return scalarValue(value, ORDERED, where);
    case 'contains':
    case 'notContains':
      return scalarValue(value, SCALAR, where);
    case 'beginsWith':
      return scalarValue(value, ['string'], where);
    case 'in':
    case 'notIn':
      return listValue(value, ORDERED, L.inValues, where, operator);
    case 'containsAny':
      return listValue(value, SCALAR, L.containsAnyValues, where, operator);
    case 'between': {
      if (!Array.isArray(value) || value.length !== 2) {
        reject(
          `subscription filter has invalid filter value for operator \`between\`: ${where} must be an array of exactly two values [low, high]; got ${show(value)}.`,
        );
      }
      const low = scalarValue(value[0], ORDERED, `${where}[0]`);
      const high = scalarValue(value[1], ORDERED, `${where}[1]`);
      if (typeof low !== typeof high) {
        reject(
          `subscription filter has invalid filter value for operator \`between\`: ${where} mixes a ${typeof low} and a ${typeof high}; both bounds must be numbers or both strings.`,
        );
      }
      return [low, high];
    }
  }
}

const OPERATORS: ReadonlySet<string> = new Set<FilterOperator>([
  'eq',
  'ne',
  'le',
  'lt',
  'ge',
  'gt',
  'contains',
  'notContains',
  'beginsWith',
  'in',
  'notIn',
  'between',
  'containsAny',
]);

function checkFieldName(fieldName: unknown, where: string): string {
  if (typeof fieldName !== 'string' || fieldName === '') {
    reject(`${where}.fieldName must be a non-empty string; got ${show(fieldName)}.`);
  }
  if (fieldName.length > L.stringLength) {
    reject(
      `${where}.fieldName has ${fieldName.length} characters; a fieldName is limited to ${L.stringLength}.`,
    );
  }
  const levels = fieldName.split('.');
  if (levels.some((level) => level === '')) {
    reject(
      `${where}.fieldName ${show(fieldName)} has an empty level; write nested fields as "parent.child".`,
    );
  }
  if (levels.length > L.depth) {
    reject(
      `${where}.fieldName ${show(fieldName)} is nested ${levels.length} levels deep; at most ${L.depth} levels are allowed.`,
    );
  }
  return fieldName;
}

function checkEntry(entry: unknown, where: string): SubscriptionFilterEntry {
  if (!isObject(entry)) {
    reject(`${where} must be an object {"fieldName", "operator", "value"}; got ${show(entry)}.`);
  }
  const fieldName = checkFieldName(entry['fieldName'], where);
  const operator = entry['operator'];
  if (typeof operator !== 'string' || !OPERATORS.has(operator)) {
    reject(
      `${where}.operator ${show(operator)} is not a subscription filter operator; expected one of ${[...OPERATORS].join(', ')}.`,
    );
  }
  const value = checkedValue(operator as FilterOperator, entry['value'], `${where}.value`);
  return { fieldName, operator, value } as SubscriptionFilterEntry;
}

function checkGroup(group: unknown, where: string): SubscriptionFilterGroup {
  if (!isObject(group)) {
    reject(`${where} must be an object {"filters": [...]}; got ${show(group)}.`);
  }
  const filters = group['filters'];
  if (!Array.isArray(filters)) {
    reject(`${where}.filters must be an array of filters; got ${show(filters)}.`);
  }
  if (filters.length > L.filtersPerGroup) {
    reject(
      `Filters exceed maximum attributes limit ${L.filtersPerGroup}: ${where}.filters has ${filters.length} filters; a group holds at most ${L.filtersPerGroup}.`,
    );
  }
  const entries = Array.from(filters, (entry: unknown, i) =>
    checkEntry(entry, `${where}.filters[${i}]`),
  );
  const seen = new Set<string>();
  for (const { fieldName } of entries) {
    if (seen.has(fieldName)) {
      reject(
        `filter uses same fieldName multiple time: "${fieldName}" appears more than once in ${where}.filters; each fieldName may be used once per group.`,
      );
    }
    seen.add(fieldName);
  }
  return { filters: entries };
}

/** The OR'ed alternatives AppSync evaluates: each `in` value is one alternative. */
function combinations(groups: readonly SubscriptionFilterGroup[]): number {
  return groups.reduce(
    (sum, group) =>
      sum +
      group.filters.reduce(
        (product, entry) => product * (entry.operator === 'in' ? entry.value.length : 1),
        1,
      ),
    0,
  );
}

function checkFilter(filter: unknown): SubscriptionFilter {
  if (!isObject(filter)) {
    reject(`A subscription filter must be an object {"filterGroup": [...]}; got ${show(filter)}.`);
  }
  const groups = filter['filterGroup'];
  if (!Array.isArray(groups)) {
    reject(`filterGroup must be an array of filter groups; got ${show(groups)}.`);
  }
  if (groups.length > L.groups) {
    reject(`filterGroup has ${groups.length} groups; at most ${L.groups} are allowed.`);
  }
  const checked = Array.from(groups, (group: unknown, i) => checkGroup(group, `filterGroup[${i}]`));
  const fieldNames = [
    ...new Set(checked.flatMap((group) => group.filters.map((f) => f.fieldName))),
  ];
  if (fieldNames.length > L.fieldNames) {
    reject(
      `Filters exceed maximum attributes limit ${L.fieldNames}: the filter uses ${fieldNames.length} distinct fieldNames (${fieldNames.join(', ')}).`,
    );
  }
  const count = combinations(checked);
  if (count > L.combinations) {
    reject(
      `Filters combination exceed maximum limit ${L.combinations}: the filter expands to ${count} alternatives (one per group, times the number of values of each "in").`,
    );
  }
  return { filterGroup: checked };
}

/**
 * Validates what a resolver passed to setSubscriptionFilter / setSubscriptionInvalidationFilter,
 * so that a filter AppSync would refuse rejects the subscription at `start` with a message naming
 * what was wrong. On success the filter is a fresh copy, detached from the resolver's objects.
 */
export function checkSubscriptionFilter(filter: unknown): SubscriptionFilterCheck {
  try {
    return { ok: true, filter: checkFilter(filter) };
  } catch (error) {
    if (error instanceof FilterRejection) {
      return { ok: false, message: error.message };
    }
    // A getter in sandbox code that throws: the filter cannot be read, so it is refused.
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `The subscription filter could not be read: ${reason}` };
  }
}

// ---------------------------------------------------------------------------------------------
// Matching
// ---------------------------------------------------------------------------------------------

/**
 * The value at a dot-notation path, or undefined when any level is missing or not an object.
 * Arrays are not entered: AppSync cannot filter inside lists of objects.
 */
export function valueAtPath(payload: unknown, fieldName: string): unknown {
  let current: unknown = payload;
  for (const level of fieldName.split('.')) {
    if (!isObject(current) || !Object.hasOwn(current, level)) {
      return undefined;
    }
    current = current[level];
  }
  return current;
}

/** Same type and same value; comparisons are case-sensitive and never convert types. */
function same(field: unknown, value: FilterScalar): boolean {
  return typeof field === typeof value && field === value;
}

function ordered(field: unknown, value: string | number): field is string | number {
  return typeof field === typeof value && (typeof field === 'string' || typeof field === 'number');
}

function contains(field: unknown, value: FilterScalar): boolean {
  if (typeof field === 'string') {
    return typeof value === 'string' && field.includes(value);
  }
  return Array.isArray(field) && field.some((element: unknown) => same(element, value));
}

function holds(entry: SubscriptionFilterEntry, field: unknown): boolean {
  switch (entry.operator) {
    case 'eq':
      return entry.value === null
        ? field === null || field === undefined
        : same(field, entry.value);
    case 'ne':
      return !holds({ ...entry, operator: 'eq' }, field);
    case 'lt':
      return ordered(field, entry.value) && field < entry.value;
    case 'le':
      return ordered(field, entry.value) && field <= entry.value;
    case 'gt':
      return ordered(field, entry.value) && field > entry.value;
    case 'ge':
      return ordered(field, entry.value) && field >= entry.value;
    case 'between': {
      const [low, high] = entry.value;
      return ordered(field, low) && field >= low && field <= high;
    }
    case 'beginsWith':
      return typeof field === 'string' && field.startsWith(entry.value);
    case 'contains':
      return contains(field, entry.value);
    case 'notContains':
      return !contains(field, entry.value);
    case 'in':
      return entry.value.some((value) => same(field, value));
    case 'notIn':
      return !entry.value.some((value) => same(field, value));
    case 'containsAny':
      return (
        Array.isArray(field) &&
        field.some((element: unknown) => entry.value.some((value) => same(element, value)))
      );
  }
}

/**
 * Whether a published payload passes a checked filter: any group (OR) whose filters all hold
 * (AND). A filter with no groups, like a group with no filters, sets no condition and passes all.
 * `ne`, `notIn` and `notContains` are the exact complements of `eq`, `in` and `contains`, so they
 * hold on a missing or null field and on a field of another type.
 */
export function matchesFilter(filter: SubscriptionFilter, payload: unknown): boolean {
  if (filter.filterGroup.length === 0) {
    return true;
  }
  return filter.filterGroup.some((group) =>
    group.filters.every((entry) => holds(entry, valueAtPath(payload, entry.fieldName))),
  );
}
