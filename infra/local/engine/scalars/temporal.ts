import {
  DateTimeFormatter,
  DateTimeParseException,
  LocalDate,
  LocalDateTime,
  LocalTime,
  OffsetDateTime,
  TemporalQueries,
} from '@js-joda/core';

/*
 * The rules AppSync publishes for its date and time scalars are, rule for rule, those of
 * java.time's ISO parsers (ISO_DATE, ISO_TIME, ISO_OFFSET_DATE_TIME): optional seconds, 1-9
 * fraction digits and only after seconds, offsets `Z` or `±hh:mm[:ss]` with colons, years beyond
 * 9999 signed, negative years allowed [runtime §11.3]. So the same formatters decide here, from
 * js-joda, a port of java.time, resolving STRICTly (no February 30th, hours 00-23, offsets within
 * ±18:00) and, like java.time, ignoring letter case (`t`, `z`).
 */

/** A decimal point with no digit after it ("12:00:34."): java.time takes it, AWS documents 1-9 digits. */
const BARE_FRACTION = /:\d\d\.(?!\d)/;
/** An offset written without its colon: the mistake AppSync's team confirmed it rejects. */
const COLONLESS_OFFSET = /[+-]\d{4}$/;

const FIELD_NAMES: Readonly<Record<string, string>> = {
  Year: 'year',
  MonthOfYear: 'month',
  DayOfMonth: 'day',
  HourOfDay: 'hour',
  MinuteOfHour: 'minute',
  SecondOfMinute: 'second',
};

const OFFSET_RANGE = 'the zone offset is beyond ±18:00';

/** The parser's complaint in the words of Courier's messages. */
function explain(text: string, error: unknown): string {
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
  const prefix = `Text '${text}' could not be parsed: `;
  const end = message.lastIndexOf(`: ${text}, at index: `);
  const semantic =
    message.startsWith(prefix) && end > 0 ? message.slice(prefix.length, end) : message;
  if (error instanceof DateTimeParseException && semantic === message) {
    const at = error.errorIndex();
    return at >= text.length
      ? 'it ends where more is expected'
      : `unexpected "${text.slice(at)}" at character ${at + 1}`;
  }
  if (semantic.startsWith('Zone offset not in valid range') || semantic.includes('OffsetSeconds')) {
    return OFFSET_RANGE;
  }
  const field =
    /^Invalid int value for (\w+): (-?\d+)/.exec(semantic) ??
    /^Invalid value for (\w+) \(valid values .*\): (-?\d+)/.exec(semantic);
  if (field) {
    return `${FIELD_NAMES[field[1] ?? ''] ?? field[1]} ${field[2]} is out of range`;
  }
  if (semantic.startsWith('Invalid date')) {
    const leap = /as '(-?\d+)' is not a leap year/.exec(semantic);
    return leap ? `no such calendar date: ${leap[1]} is not a leap year` : 'no such calendar date';
  }
  return semantic;
}

type Parse = (text: string) => unknown;

/** The usual mistakes, named when fixing them makes the text parse. */
function hint(text: string, parse: Parse, withoutOffset?: Parse): string | undefined {
  const colonless = COLONLESS_OFFSET.exec(text);
  if (colonless) {
    const offset = colonless[0];
    const fixed = `${offset.slice(0, 3)}:${offset.slice(3)}`;
    if (succeeds(parse, text.slice(0, colonless.index) + fixed)) {
      return `the zone offset needs a colon (${fixed}, not ${offset})`;
    }
  }
  return withoutOffset && succeeds(withoutOffset, text) ? 'the zone offset is missing' : undefined;
}

function succeeds(parse: Parse, text: string): boolean {
  try {
    parse(text);
    return true;
  } catch {
    return false;
  }
}

function check(text: string, parse: Parse, withoutOffset?: Parse): string | undefined {
  try {
    parse(text);
  } catch (error) {
    return hint(text, parse, withoutOffset) ?? explain(text, error);
  }
  return BARE_FRACTION.test(text) ? 'a decimal point needs 1 to 9 digits after it' : undefined;
}

const parseDate: Parse = (text) => {
  const parsed = DateTimeFormatter.ISO_DATE.parse(text);
  LocalDate.FROM.queryFrom(parsed);
  return parsed.query(TemporalQueries.offset());
};

const parseTime: Parse = (text) => {
  const parsed = DateTimeFormatter.ISO_TIME.parse(text);
  LocalTime.FROM.queryFrom(parsed);
  return parsed.query(TemporalQueries.offset());
};

const parseDateTime: Parse = (text) =>
  OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);

const parseLocalDateTime: Parse = (text) =>
  LocalDateTime.parse(text, DateTimeFormatter.ISO_LOCAL_DATE_TIME);

/** `YYYY-MM-DD`, optionally followed by a zone offset. */
export const checkDate = (text: string): string | undefined => check(text, parseDate);

/** `hh:mm[:ss[.fffffffff]]`, optionally followed by a zone offset. */
export const checkTime = (text: string): string | undefined => check(text, parseTime);

/** `YYYY-MM-DDThh:mm[:ss[.fffffffff]]` followed by a compulsory zone offset. */
export const checkDateTime = (text: string): string | undefined =>
  check(text, parseDateTime, parseLocalDateTime);
