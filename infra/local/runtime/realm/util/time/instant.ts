import {
  ChronoField,
  DateTimeFormatter,
  DateTimeFormatterBuilder,
  Instant,
  LocalDateTime,
  ResolverStyle,
  SignStyle,
  TemporalQueries,
  ZonedDateTime,
  ZoneOffset,
  type TemporalAccessor,
  type ZoneId,
} from '@js-joda/core';

/**
 * ISO-8601 with exactly three fraction digits and `Z`, as AppSync prints it
 * (2018-02-06T19:01:35.749Z). The year follows ISO_LOCAL_DATE: four digits, a sign beyond 9999.
 */
const ISO_MILLIS_UTC: DateTimeFormatter = new DateTimeFormatterBuilder()
  .appendValue(ChronoField.YEAR, 4, 10, SignStyle.EXCEEDS_PAD)
  .appendPattern("-MM-dd'T'HH:mm:ss.SSS'Z'")
  .toFormatter(ResolverStyle.STRICT);

export function formatIso8601Utc(epochMs: number): string {
  return ZonedDateTime.ofInstant(Instant.ofEpochMilli(epochMs), ZoneOffset.UTC).format(
    ISO_MILLIS_UTC,
  );
}

export function formatInZone(epochMs: number, formatter: DateTimeFormatter, zone: ZoneId): string {
  return ZonedDateTime.ofInstant(Instant.ofEpochMilli(epochMs), zone).format(formatter);
}

/**
 * The instant a parse result names, as java.time resolves a formatter given `withZone(zone)`: an
 * offset or zone in the text wins, otherwise the local date-time is placed in `zone` (a gap moves
 * forward, an overlap takes the earlier offset). Without both a date and a time of day there is no
 * instant, as in Java.
 */
export function instantOf(parsed: TemporalAccessor, zone: ZoneId): Instant {
  if (parsed.isSupported(ChronoField.INSTANT_SECONDS)) {
    return Instant.from(parsed);
  }
  const date = parsed.query(TemporalQueries.localDate());
  const time = parsed.query(TemporalQueries.localTime());
  if (date === null || time === null) {
    const missing =
      date === null && time === null
        ? 'neither a date nor a time of day'
        : date === null
          ? 'no date'
          : 'no time of day';
    throw new Error(`the text gives ${missing}, so it names no instant`);
  }
  const parsedZone = parsed.query(TemporalQueries.zone());
  return ZonedDateTime.ofLocal(LocalDateTime.of(date, time), parsedZone ?? zone, null).toInstant();
}

/**
 * Java's DateTimeFormatter.ISO_DATE_TIME: a local date-time, then optionally an offset, then
 * optionally a bracketed zone id (js-joda's own constant lacks the bracketed zone).
 */
export const ISO_DATE_TIME: DateTimeFormatter = new DateTimeFormatterBuilder()
  .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
  .optionalStart()
  .appendOffsetId()
  .optionalStart()
  .appendLiteral('[')
  .parseCaseSensitive()
  .appendZoneId()
  .appendLiteral(']')
  .toFormatter(ResolverStyle.STRICT);
