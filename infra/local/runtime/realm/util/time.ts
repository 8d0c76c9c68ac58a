import type { TimeUtils } from '@aws-appsync/utils/lib/time-utils';
import { ZoneId, ZoneOffset, type DateTimeFormatter } from '@js-joda/core';
import type { RealmDeps } from '../deps';
import { formatInZone, formatIso8601Utc, instantOf, ISO_DATE_TIME } from './time/instant';
import { javaFormatter } from './time/pattern';

/*
 * util.time: Java DateTimeFormatter patterns in English, zones as java.time ZoneId.of reads them
 * (IANA ids, "Z", "+08:00", "-07:00:30", "UTC+8"), UTC when no zone is given. Epoch milliseconds
 * are Java longs: integers only.
 */

function shown(value: unknown): string {
  if (typeof value === 'string') {
    return JSON.stringify(value);
  }
  if (
    typeof value === 'number' ||
    typeof value === 'boolean' ||
    value === null ||
    value === undefined
  ) {
    return String(value);
  }
  return Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}

interface JodaParseError {
  parsedString(): string;
  errorIndex(): number;
}

function isJodaParseError(value: unknown): value is JodaParseError {
  const candidate = value as Partial<Record<keyof JodaParseError, unknown>>;
  return typeof candidate.parsedString === 'function' && typeof candidate.errorIndex === 'function';
}

/** The message of a js-joda error without the input echo and cause trace it appends. */
function reason(thrown: unknown): string {
  let message = thrown instanceof Error ? thrown.message : String(thrown);
  if (isJodaParseError(thrown)) {
    const echo = message.indexOf(`: ${thrown.parsedString()}, at index: ${thrown.errorIndex()}`);
    message = echo < 0 ? message : message.slice(0, echo);
  }
  const trace = message.indexOf('\n-------');
  return trace < 0 ? message : message.slice(0, trace);
}

function requireString(fn: string, name: string, value: unknown): string {
  if (typeof value !== 'string') {
    throw new TypeError(`util.time.${fn}: ${name} must be a string, got ${shown(value)}.`);
  }
  return value;
}

function epochMillis(fn: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new TypeError(
      `util.time.${fn}: expected epoch milliseconds as an integer number, got ${shown(value)}.`,
    );
  }
  return value;
}

function formatter(fn: string, value: unknown): DateTimeFormatter {
  const pattern = requireString(fn, 'the format', value);
  try {
    return javaFormatter(pattern);
  } catch (thrown) {
    throw new Error(`util.time.${fn}: invalid format ${shown(pattern)}: ${reason(thrown)}.`);
  }
}

/** The zone argument: left out (undefined) means UTC; null is not a zone. */
function zone(fn: string, value: unknown): ZoneId {
  if (value === undefined) {
    return ZoneOffset.UTC;
  }
  const id = requireString(fn, 'the time zone', value);
  try {
    return ZoneId.of(id);
  } catch (thrown) {
    throw new Error(
      `util.time.${fn}: invalid time zone ${shown(id)} (${reason(thrown)}); expected an IANA zone id such as "Australia/Perth" or an offset such as "+08:00".`,
    );
  }
}

function format(fn: string, ms: number, pattern: unknown, timezone: unknown): string {
  const compiled = formatter(fn, pattern);
  const target = zone(fn, timezone);
  try {
    return formatInZone(ms, compiled, target);
  } catch (thrown) {
    throw new Error(
      `util.time.${fn}: cannot format ${ms} with ${shown(pattern)}: ${reason(thrown)}.`,
    );
  }
}

function parse(
  fn: string,
  text: string,
  compiled: DateTimeFormatter,
  target: ZoneId,
  what: string,
): number {
  try {
    return instantOf(compiled.parse(text), target).toEpochMilli();
  } catch (thrown) {
    throw new Error(`util.time.${fn}: cannot parse ${shown(text)} ${what}: ${reason(thrown)}.`);
  }
}

function nowMs(deps: RealmDeps): number {
  return Math.floor(deps.host.nowMs());
}

export function createTimeUtils(deps: RealmDeps): TimeUtils {
  return {
    nowISO8601() {
      return formatIso8601Utc(nowMs(deps));
    },
    nowEpochSeconds() {
      return Math.floor(nowMs(deps) / 1000);
    },
    nowEpochMilliSeconds() {
      return nowMs(deps);
    },
    nowFormatted(formatString: unknown, timezone?: unknown) {
      return format('nowFormatted', nowMs(deps), formatString, timezone);
    },
    parseFormattedToEpochMilliSeconds(
      timestamp: unknown,
      formatString: unknown,
      timezone?: unknown,
    ) {
      const fn = 'parseFormattedToEpochMilliSeconds';
      const text = requireString(fn, 'the timestamp', timestamp);
      const compiled = formatter(fn, formatString);
      return parse(fn, text, compiled, zone(fn, timezone), `with format ${shown(formatString)}`);
    },
    parseISO8601ToEpochMilliSeconds(timestamp: unknown) {
      const fn = 'parseISO8601ToEpochMilliSeconds';
      const text = requireString(fn, 'the timestamp', timestamp);
      return parse(fn, text, ISO_DATE_TIME, ZoneOffset.UTC, 'as ISO-8601');
    },
    epochMilliSecondsToSeconds(milliseconds: unknown) {
      const ms = epochMillis('epochMilliSecondsToSeconds', milliseconds);
      // Java's long division: truncates toward zero. `+ 0` turns -0 into 0.
      return (ms - (ms % 1000)) / 1000 + 0;
    },
    epochMilliSecondsToISO8601(milliseconds: unknown) {
      return formatIso8601Utc(epochMillis('epochMilliSecondsToISO8601', milliseconds));
    },
    epochMilliSecondsToFormatted(milliseconds: unknown, formatString: unknown, timezone?: unknown) {
      const fn = 'epochMilliSecondsToFormatted';
      return format(fn, epochMillis(fn, milliseconds), formatString, timezone);
    },
  };
}
