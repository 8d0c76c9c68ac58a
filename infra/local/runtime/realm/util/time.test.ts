import {
  conformanceTargets,
  errorOf,
  FIXED_NOW_MS,
  type ConformanceTarget,
} from '../../testing/conformance';
import { emptyRecord } from '../invocation';

/*
 * util.time conformance. "AWS docs" marks outputs printed in the AppSync developer guide
 * (time-helpers-in-util-time[-js]); the clock is FIXED_NOW_MS = 2018-02-06T19:01:35.749Z, the
 * instant of those examples. localstack/appsync-utils holds no AWS-recorded util.time snapshots
 * (its time tests only check its own implementation), so there is nothing to assert from it.
 * Everything else pins java.time's DateTimeFormatter behaviour in English (Locale.US).
 */

/** 2018-07-11T22:14:45Z: the instant of the docs' AWSDate/AWSDateTime examples, at -07:00:30. */
const JULY_EXAMPLE_MS = 1_531_347_285_000;

type ValueCase = readonly [behaviour: string, args: readonly unknown[], expected: unknown];
type ErrorCase = readonly [behaviour: string, args: readonly unknown[]];

function expectValue(
  target: ConformanceTarget,
  fn: string,
  args: readonly unknown[],
  expected: unknown,
): void {
  expect(target.call(`util.time.${fn}`, args)).toEqual({ value: expected, record: emptyRecord() });
}

function expectError(target: ConformanceTarget, fn: string, args: readonly unknown[]): void {
  const outcome = target.call(`util.time.${fn}`, args);
  expect(outcome).toEqual({
    error: expect.stringMatching(new RegExp(`^(Type)?Error: util\\.time\\.${fn}: `)),
    record: emptyRecord(),
  });
  expect(errorOf(outcome)).toMatchSnapshot();
}

const nowCases: readonly (readonly [fn: string, expected: unknown])[] = [
  ['nowISO8601', '2018-02-06T19:01:35.749Z'], // AWS docs
  ['nowEpochSeconds', 1_517_943_695], // AWS docs
  ['nowEpochMilliSeconds', FIXED_NOW_MS], // AWS docs print ...750 from a later call
];

const nowFormattedCases: readonly ValueCase[] = [
  ['AWS docs: Z in UTC', ['yyyy-MM-dd HH:mm:ssZ'], '2018-02-06 19:01:35+0000'],
  ['AWS docs: Z at an offset zone', ['yyyy-MM-dd HH:mm:ssZ', '+08:00'], '2018-02-07 03:01:35+0800'],
  [
    'AWS docs: Z at an IANA zone',
    ['yyyy-MM-dd HH:mm:ssZ', 'Australia/Perth'],
    '2018-02-07 03:01:35+0800',
  ],
  ['Z, ZZ and ZZZ print +HHMM', ['Z|ZZ|ZZZ', '-07:00:30'], '-0700|-0700|-0700'],
  ['ZZZZ prints the localized offset', ['ZZZZ', '-07:00:30'], 'GMT-07:00:30'],
  ['ZZZZ prints GMT for UTC', ['ZZZZ'], 'GMT'],
  ['ZZZZZ prints +HH:MM:ss', ['ZZZZZ', '-07:00:30'], '-07:00:30'],
  ['ZZZZZ prints Z for UTC', ['ZZZZZ'], 'Z'],
  ['X patterns print Z for UTC', ['X|XX|XXX|XXXX|XXXXX'], 'Z|Z|Z|Z|Z'],
  [
    'X patterns at a seconds offset',
    ['X|XX|XXX|XXXX|XXXXX', '-07:00:30'],
    '-07|-0700|-07:00|-070030|-07:00:30',
  ],
  ['x patterns print zeros for UTC', ['x|xx|xxx|xxxx|xxxxx'], '+00|+0000|+00:00|+0000|+00:00'],
  [
    'x patterns at a seconds offset',
    ['x|xx|xxx|xxxx|xxxxx', '-07:00:30'],
    '-07|-0700|-07:00|-070030|-07:00:30',
  ],
  ['X drops zero minutes only in the one-letter form', ['X|XXX', '+05:30'], '+0530|+05:30'],
  ['O prints the short localized offset', ['O', '-07:00:30'], 'GMT-7:00:30'],
  ['OOOO prints the full localized offset', ['OOOO', 'Australia/Perth'], 'GMT+08:00'],
  ['optional section prints its offset', ['yyyy-MM-dd[XXX]'], '2018-02-06Z'],
  ['quoted literal with a T and a Z', ["yyyy-MM-dd'T'HH:mm:ss.SSS'Z'"], '2018-02-06T19:01:35.749Z'],
  ["'' is one quote, inside and outside literals", ["hh 'o''clock' a, ''yy"], "07 o'clock PM, '18"],
  ['a literal with several escaped quotes', ["'a''b''c'"], "a'b'c"],
  ['other characters are literals', ['dd/MM/yyyy @ HH.mm'], '06/02/2018 @ 19.01'],
  ['the empty format prints nothing', [''], ''],
  ['short English text fields', ['EEE, dd MMM yyyy'], 'Tue, 06 Feb 2018'],
  ['full English text fields', ['EEEE d MMMM'], 'Tuesday 6 February'],
  ['narrow text fields', ['EEEEE MMMMM'], 'T F'],
  ['stand-alone month text', ['LLL LLLL'], 'Feb February'],
  ['era text', ['G GGGG'], 'AD Anno Domini'],
  ['quarter number and text', ['Q QQQ QQQQ'], '1 Q1 1st quarter'],
  ['AM/PM marker with clock hours', ['h:mm a|K|k|H', 'Australia/Perth'], '3:01 AM|3|3|3'],
  ['week fields follow US weeks', ["YYYY-'W'ww-e c"], '2018-W06-3 3'],
  ['week of month', ['W'], '2'],
  ['aligned day-of-week in month (F)', ['F'], '6'],
  ['day of year', ['D DDD'], '37 037'],
  ['fractions of a second', ['S SS SSS SSSSSS'], '7 74 749 749000'],
  ['milli-of-day, nano-of-second and nano-of-day', ['A n N'], '68495749 749000000 68495749000000'],
  ['year letters', ['y yy yyy yyyy yyyyy u uuuu'], '2018 18 2018 2018 02018 2018 2018'],
  ['pad modifier', ['ppd|pppM'], ' 6|  2'],
  ['VV prints Z for the default UTC zone', ['VV'], 'Z'],
  ['VV prints the zone id given', ['VV', 'Australia/Perth'], 'Australia/Perth'],
  ['z prints an offset zone by its id', ['z', '-07:00:30'], '-07:00:30'],
  ['z prints UTC for the UTC zone id', ['z|zzzz', 'UTC'], 'UTC|Coordinated Universal Time'],
  [
    'z prints the standard-time abbreviation',
    ['z|zzzz', 'America/New_York'],
    'EST|Eastern Standard Time',
  ],
  [
    'zzzz prints the specific long name',
    ['zzzz', 'Australia/Perth'],
    'Australian Western Standard Time',
  ],
  ['zone given as +H', ['HH:mmXXX', '+8'], '03:01+08:00'],
  ['zone given as +HHMM', ['HH:mmXXX', '+0800'], '03:01+08:00'],
  ['zone given as Z', ['HH:mmXXX', 'Z'], '19:01Z'],
  ['zone given as UTC+8 keeps its prefix', ['HH:mm VV', 'UTC+8'], '03:01 UTC+08:00'],
  ['zone given as GMT', ['HH:mmXXX', 'GMT'], '19:01Z'],
];

const julyCases: readonly ValueCase[] = [
  [
    'AWS docs: AWSDate with an optional offset',
    ['yyyy-MM-dd[XXX]', '-07:00:30'],
    '2018-07-11-07:00',
  ],
  [
    'AWS docs: AWSDateTime with a seconds offset',
    ["yyyy-MM-dd'T'HH:mm:ss[XXXXX]", '-07:00:30'],
    '2018-07-11T15:14:15-07:00:30',
  ],
  ['z prints the daylight-time abbreviation', ['z', 'America/New_York'], 'EDT'],
  [
    'zzzz prints the daylight-time long name',
    ['zzzz', 'Europe/Paris'],
    'Central European Summer Time',
  ],
];

const nowFormattedErrors: readonly ErrorCase[] = [
  ['an unknown pattern letter', ['yyyy-bb']],
  ['another unknown pattern letter', ['f']],
  ['a reserved character {', ['yyyy{']],
  ['a reserved character #', ['#']],
  ['a ] without [', ['yyyy]']],
  ['an unterminated literal', ["yyyy-MM-dd'T"]],
  ['too many Z letters', ['ZZZZZZ']],
  ['too many X letters', ['XXXXXX']],
  ['too many z letters', ['zzzzz']],
  ['a V count other than 2', ['V']],
  ['an O count other than 1 or 4', ['OO']],
  ['a pad letter with nothing to pad', ['pp']],
  ['a field wider than its pad', ['ppzz', 'UTC']],
  ['an unknown zone id', ['yyyy', 'Mars/Base']],
  ['a zone id in the wrong case', ['yyyy', 'australia/perth']],
  ['an offset beyond 18 hours', ['yyyy', '+19:00']],
  ['an empty zone', ['yyyy', '']],
  ['a zone with spaces', ['yyyy', ' +08:00']],
  ['a numeric zone', ['yyyy', 8]],
  ['a null zone', ['yyyy', null]],
  ['a numeric format', [20180206]],
  ['a missing format', []],
];

const epochToFormattedCases: readonly ValueCase[] = [
  ['AWS docs: UTC', [1_517_943_695_758, 'yyyy-MM-dd HH:mm:ssZ'], '2018-02-06 19:01:35+0000'],
  [
    'AWS docs: at +08:00',
    [1_517_943_695_758, 'yyyy-MM-dd HH:mm:ssZ', '+08:00'],
    '2018-02-07 03:01:35+0800',
  ],
  ['before the epoch', [-1, 'yyyy-MM-dd HH:mm:ss.SSS'], '1969-12-31 23:59:59.999'],
  [
    'the epoch in a zone west of UTC',
    [0, 'yyyy-MM-dd HH:mmXXX', 'America/Los_Angeles'],
    '1969-12-31 16:00-08:00',
  ],
  ['yyyy signs years past 9999', [253_402_300_800_000, 'yyyy-MM-dd'], '+10000-01-01'],
  ['daylight time in New York', [1_530_000_000_000, 'HH:mm z', 'America/New_York'], '04:00 EDT'],
];

const epochToFormattedErrors: readonly ErrorCase[] = [
  ['milliseconds as a string', ['1517943695758', 'yyyy']],
  ['fractional milliseconds', [1.5, 'yyyy']],
  ['milliseconds beyond 2^53', [9_007_199_254_740_992, 'yyyy']],
  ['null milliseconds', [null, 'yyyy']],
  ['a missing format', [0]],
  ['an invalid format', [0, 'yyyy-bb']],
  ['an unknown zone', [0, 'yyyy', 'Europe/Atlantis']],
];

const parseFormattedCases: readonly ValueCase[] = [
  [
    'AWS docs: offset in the text',
    ['2018-02-02 01:19:22+0800', 'yyyy-MM-dd HH:mm:ssZ'],
    1_517_505_562_000,
  ],
  [
    'AWS docs: zone argument',
    ['2018-02-02 01:19:22', 'yyyy-MM-dd HH:mm:ss', '+08:00'],
    1_517_505_562_000,
  ],
  ['no zone anywhere means UTC', ['2018-02-02 01:19:22', 'yyyy-MM-dd HH:mm:ss'], 1_517_534_362_000],
  [
    'an offset in the text wins over the zone argument',
    ['2018-02-02 01:19:22+0800', 'yyyy-MM-dd HH:mm:ssZ', 'Australia/Sydney'],
    1_517_505_562_000,
  ],
  [
    'a zone id in the text wins over the zone argument',
    ['2018-02-06 10:00 Australia/Perth', 'yyyy-MM-dd HH:mm VV', '+01:00'],
    1_517_882_400_000,
  ],
  [
    'an IANA zone argument',
    ['2018-02-06 10:00', 'yyyy-MM-dd HH:mm', 'Australia/Perth'],
    1_517_882_400_000,
  ],
  [
    'a local time in a DST gap moves forward',
    ['2018-03-11 02:30', 'yyyy-MM-dd HH:mm', 'America/New_York'],
    1_520_753_400_000,
  ],
  [
    'a local time in a DST overlap takes the earlier offset',
    ['2018-11-04 01:30', 'yyyy-MM-dd HH:mm', 'America/New_York'],
    1_541_309_400_000,
  ],
  [
    'English text fields and a zone name',
    ['Tue, 06 Feb 2018 19:01:35 GMT', 'EEE, dd MMM yyyy HH:mm:ss z'],
    1_517_943_695_000,
  ],
  [
    'a standard-time abbreviation',
    ['Tue, 06 Feb 2018 19:01:35 EST', 'EEE, dd MMM yyyy HH:mm:ss z'],
    1_517_961_695_000,
  ],
  [
    'a long zone name',
    ['06 Feb 2018 19:01:35 Eastern Standard Time', 'dd MMM yyyy HH:mm:ss zzzz'],
    1_517_961_695_000,
  ],
  ['an AM/PM marker', ['06 Feb 2018 07:01:35 PM', 'dd MMM yyyy hh:mm:ss a'], 1_517_943_695_000],
  [
    'an optional offset that is present',
    ['2018-02-06T10:00-07:00', "yyyy-MM-dd'T'HH:mm[XXX]"],
    1_517_936_400_000,
  ],
  [
    'an optional offset that is absent',
    ['2018-02-06T10:00', "yyyy-MM-dd'T'HH:mm[XXX]"],
    1_517_911_200_000,
  ],
  ['X reads Z as UTC', ['2018-02-06T19:01:35.749Z', "yyyy-MM-dd'T'HH:mm:ss.SSSX"], FIXED_NOW_MS],
  [
    'XXXXX reads a seconds offset',
    ['2018-07-11T15:14:15-07:00:30', "yyyy-MM-dd'T'HH:mm:ssXXXXX"],
    JULY_EXAMPLE_MS,
  ],
  ['minutes and seconds default to zero', ['2018-02-06 10', 'yyyy-MM-dd HH'], 1_517_911_200_000],
  [
    'a day past the month end is clamped (SMART)',
    ['2018-02-30 01:19:22', 'yyyy-MM-dd HH:mm:ss'],
    1_519_780_762_000,
  ],
  [
    '24:00 is midnight of the next day (SMART)',
    ['2018-02-06 24:00:00', 'yyyy-MM-dd HH:mm:ss'],
    1_517_961_600_000,
  ],
  ['two-digit years are 2000-2099', ['18-02-06 10:00', 'yy-MM-dd HH:mm'], 1_517_911_200_000],
  [
    'single-letter fields read one or more digits',
    ['2018-2-6 10:0', 'yyyy-M-d H:m'],
    1_517_911_200_000,
  ],
  [
    'fractions below a millisecond are dropped',
    ['1969-12-31 23:59:59.9999', 'yyyy-MM-dd HH:mm:ss.SSSS'],
    -1,
  ],
];

const parseFormattedErrors: readonly ErrorCase[] = [
  ['a character the format does not allow', ['2018-02-0x 01:19:22', 'yyyy-MM-dd HH:mm:ss']],
  ['text after the format ends', ['2018-02-02 01:19:22 extra', 'yyyy-MM-dd HH:mm:ss']],
  ['a day of month out of range', ['2018-02-32 01:19:22', 'yyyy-MM-dd HH:mm:ss']],
  ['a date without a time of day', ['2018-02-02', 'yyyy-MM-dd']],
  ['an offset date without a time of day', ['2018-02-06-07:00', 'yyyy-MM-dd[XXX]']],
  ['a time without a date', ['01:19', 'HH:mm']],
  [
    'a day of week that contradicts the date',
    ['Mon, 06 Feb 2018 19:01:35 GMT', 'EEE, dd MMM yyyy HH:mm:ss z'],
  ],
  ['month text in the wrong case', ['06 feb 2018 10:00', 'dd MMM yyyy HH:mm']],
  ['a colon offset where Z expects +HHMM', ['2018-02-06 10:00+08:00', 'yyyy-MM-dd HH:mmZ']],
  ['a Z where Z expects +HHMM', ['2018-02-06 10:00Z', 'yyyy-MM-dd HH:mmZ']],
  ['a single digit where MM expects two', ['2018-2-6 10:00', 'yyyy-MM-dd HH:mm']],
  ['an invalid format', ['2018', 'yyyy-bb']],
  ['an unknown zone', ['2018-02-06 10:00', 'yyyy-MM-dd HH:mm', 'Mars/Base']],
  ['a numeric timestamp', [1_517_943_695_749, 'yyyy']],
  ['a null timestamp', [null, 'yyyy']],
  ['a missing format', ['2018']],
];

const parseIsoCases: readonly ValueCase[] = [
  ['AWS docs: fraction and offset', ['2018-02-01T17:21:05.180+08:00'], 1_517_476_865_180],
  ['Z for UTC', ['2018-02-06T19:01:35.749Z'], FIXED_NOW_MS],
  ['lower-case t and z', ['2018-02-06t19:01:35.749z'], FIXED_NOW_MS],
  ['no seconds', ['2018-02-01T17:21Z'], 1_517_505_660_000],
  ['nanoseconds are dropped', ['2018-02-06T19:01:35.749999999Z'], FIXED_NOW_MS],
  ['no offset means UTC', ['2018-02-01T17:21:05.180'], 1_517_505_665_180],
  ['an offset with seconds', ['2018-02-01T17:21:05.180+08:00:30'], 1_517_476_835_180],
  [
    'a bracketed zone after the offset',
    ['2018-02-01T17:21:05.180+08:00[Australia/Perth]'],
    1_517_476_865_180,
  ],
  [
    'the offset wins over the bracketed zone',
    ['2018-02-01T17:21:05.180+09:00[Australia/Perth]'],
    1_517_473_265_180,
  ],
  ['a signed five-digit year', ['+10000-01-01T00:00:00Z'], 253_402_300_800_000],
  ['before the epoch', ['1969-12-31T23:59:59.999Z'], -1],
];

const parseIsoErrors: readonly ErrorCase[] = [
  ['a date without a time', ['2018-02-01']],
  ['an offset without a colon', ['2018-02-01T17:21:05.180+0800']],
  ['a bracketed zone without an offset', ['2018-02-01T17:21:05[Australia/Perth]']],
  ['leading whitespace', [' 2018-02-01T17:21:05Z']],
  ['hour 24 (STRICT)', ['2018-02-01T24:00:00Z']],
  ['February 30 (STRICT)', ['2018-02-30T10:00:00Z']],
  ['a space instead of T', ['2018-02-01 17:21:05Z']],
  ['epoch milliseconds', [1_517_943_695_749]],
  ['an empty string', ['']],
];

const toSecondsCases: readonly ValueCase[] = [
  ['AWS docs', [1_517_943_695_758], 1_517_943_695],
  ['zero', [0], 0],
  ['under a second', [999], 0],
  ['negative values truncate toward zero', [-1], 0],
  ['negative whole seconds', [-1000], -1],
  ['negative values with a remainder', [-1500], -1],
  ['the largest safe integer', [9_007_199_254_740_991], 9_007_199_254_740],
];

const toIsoCases: readonly ValueCase[] = [
  ['AWS docs', [1_517_943_695_758], '2018-02-06T19:01:35.758Z'],
  ['whole seconds keep .000', [0], '1970-01-01T00:00:00.000Z'],
  ['before the epoch', [-1], '1969-12-31T23:59:59.999Z'],
  ['year zero', [-62_167_219_200_000], '0000-01-01T00:00:00.000Z'],
  ['years before zero are signed', [-62_167_219_200_001], '-0001-12-31T23:59:59.999Z'],
  ['years past 9999 are signed', [253_402_300_800_000], '+10000-01-01T00:00:00.000Z'],
];

const millisErrors: readonly ErrorCase[] = [
  ['a numeric string', ['1517943695758']],
  ['a fraction', [1517943695758.5]],
  ['null', [null]],
  ['a boolean', [true]],
  ['nothing', []],
];

for (const target of conformanceTargets()) {
  describe(`util.time on ${target.name}`, () => {
    describe('nowISO8601 / nowEpochSeconds / nowEpochMilliSeconds', () => {
      it.each(nowCases)('%s at the fixed clock', (fn, expected) => {
        expectValue(target, fn, [], expected);
      });
    });

    describe('nowFormatted', () => {
      it.each(nowFormattedCases)('%s', (_behaviour, args, expected) => {
        expectValue(target, 'nowFormatted', args, expected);
      });
      it.each(nowFormattedErrors)('rejects %s', (_behaviour, args) => {
        expectError(target, 'nowFormatted', args);
      });
    });

    describe('epochMilliSecondsToFormatted', () => {
      it.each(epochToFormattedCases)('%s', (_behaviour, args, expected) => {
        expectValue(target, 'epochMilliSecondsToFormatted', args, expected);
      });
      it.each(epochToFormattedErrors)('rejects %s', (_behaviour, args) => {
        expectError(target, 'epochMilliSecondsToFormatted', args);
      });
    });

    describe('parseFormattedToEpochMilliSeconds', () => {
      it.each(parseFormattedCases)('%s', (_behaviour, args, expected) => {
        expectValue(target, 'parseFormattedToEpochMilliSeconds', args, expected);
      });
      it.each(parseFormattedErrors)('rejects %s', (_behaviour, args) => {
        expectError(target, 'parseFormattedToEpochMilliSeconds', args);
      });
    });

    describe('parseISO8601ToEpochMilliSeconds', () => {
      it.each(parseIsoCases)('%s', (_behaviour, args, expected) => {
        expectValue(target, 'parseISO8601ToEpochMilliSeconds', args, expected);
      });
      it.each(parseIsoErrors)('rejects %s', (_behaviour, args) => {
        expectError(target, 'parseISO8601ToEpochMilliSeconds', args);
      });
    });

    describe('epochMilliSecondsToSeconds', () => {
      it.each(toSecondsCases)('%s', (_behaviour, args, expected) => {
        expectValue(target, 'epochMilliSecondsToSeconds', args, expected);
      });
      it.each(millisErrors)('rejects %s', (_behaviour, args) => {
        expectError(target, 'epochMilliSecondsToSeconds', args);
      });
    });

    describe('epochMilliSecondsToISO8601', () => {
      it.each(toIsoCases)('%s', (_behaviour, args, expected) => {
        expectValue(target, 'epochMilliSecondsToISO8601', args, expected);
      });
      it.each(millisErrors)('rejects %s', (_behaviour, args) => {
        expectError(target, 'epochMilliSecondsToISO8601', args);
      });
    });
  });
}

for (const target of conformanceTargets({ nowMs: JULY_EXAMPLE_MS })) {
  describe(`util.time on ${target.name} at 2018-07-11T22:14:45Z`, () => {
    it.each(julyCases)('nowFormatted: %s', (_behaviour, args, expected) => {
      expectValue(target, 'nowFormatted', args, expected);
    });
  });
}

for (const target of conformanceTargets({ nowMs: 1_000 })) {
  describe(`util.time on ${target.name} at a whole second`, () => {
    it('nowISO8601 keeps three fraction digits', () => {
      expectValue(target, 'nowISO8601', [], '1970-01-01T00:00:01.000Z');
    });
  });
}

for (const target of conformanceTargets({ nowMs: -1_500 })) {
  describe(`util.time on ${target.name} before the epoch`, () => {
    it('nowEpochSeconds rounds down, as Instant.getEpochSecond does', () => {
      expectValue(target, 'nowEpochSeconds', [], -2);
    });
  });
}
