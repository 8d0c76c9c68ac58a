import {
  ChronoField,
  DateTimeFormatterBuilder,
  TemporalQueries,
  ZoneOffset,
  type DateTimeFormatter,
  type TemporalAccessor,
  type ZoneId,
} from '@js-joda/core';
import { Locale } from '@js-joda/locale';

/*
 * Java pattern letter `z` (zone name). js-joda's locale plugin prints CLDR *generic* names
 * ("ET", "Western Australia Time"); Java prints the *specific* name for the instant
 * ("EST"/"EDT", "Australian Western Standard Time"). ECMAScript Intl knows the specific English
 * names, so printing goes through Intl; parsing stays with js-joda, which accepts generic, standard
 * and daylight names alike. This reaches into js-joda's printer-parser protocol (`print`/`parse`
 * and the builder's `_appendInternal`), which its public typings do not describe.
 */

interface PrintContext {
  getValueQuery(query: unknown): ZoneId | null;
  temporal(): TemporalAccessor;
}

interface StringBuilder {
  append(text: string): unknown;
}

interface PrinterParser {
  print(context: PrintContext, buf: StringBuilder): boolean;
  parse(context: unknown, text: string, position: number): number;
  toString(): string;
}

interface BuilderInternals {
  _appendInternal(printerParser: PrinterParser): number;
}

interface FormatterInternals {
  _printerParser: PrinterParser;
}

function epochMillisOf(temporal: TemporalAccessor): number | null {
  if (!temporal.isSupported(ChronoField.INSTANT_SECONDS)) {
    return null;
  }
  return temporal.getLong(ChronoField.INSTANT_SECONDS) * 1000;
}

/** The English specific zone name Intl gives, or null when Intl does not know the zone. */
function intlZoneName(zoneId: string, epochMs: number, full: boolean): string | null {
  try {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone: zoneId,
      timeZoneName: full ? 'long' : 'short',
    }).formatToParts(epochMs);
    return parts.find((part) => part.type === 'timeZoneName')?.value ?? null;
  } catch {
    return null;
  }
}

function zoneTextPrinterParser(full: boolean): PrinterParser {
  const jodaFormatter: DateTimeFormatter = new DateTimeFormatterBuilder()
    .appendPattern(full ? 'zzzz' : 'z')
    .toFormatter()
    .withLocale(Locale.US);
  const parser = (jodaFormatter as unknown as FormatterInternals)._printerParser;
  return {
    print(context, buf) {
      const zone = context.getValueQuery(TemporalQueries.zoneId());
      if (zone === null) {
        return false;
      }
      // Java prints an offset zone (Z, +08:00) by its id; a region zone (even "UTC") by name.
      if (zone instanceof ZoneOffset) {
        buf.append(zone.id());
        return true;
      }
      const epochMs = epochMillisOf(context.temporal());
      const name = epochMs === null ? null : intlZoneName(zone.id(), epochMs, full);
      buf.append(name ?? zone.id());
      return true;
    },
    parse(context, text, position) {
      return parser.parse(context, text, position);
    },
    toString() {
      return full ? 'ZoneText(FULL)' : 'ZoneText(SHORT)';
    },
  };
}

/** Appends Java's `z` (count 1-3) or `zzzz` (count 4) to `builder`. */
export function appendZoneText(builder: DateTimeFormatterBuilder, count: number): void {
  (builder as unknown as BuilderInternals)._appendInternal(zoneTextPrinterParser(count === 4));
}
