import { AWSTimestamp } from './aws-timestamp';
import { AppSyncScalarError } from './errors';
import { driver, messages, thrown } from './test-support';

const timestamp = driver(AWSTimestamp);

describe('AWSTimestamp', () => {
  // "Timestamps are serialized and deserialized as numbers. Negative values are also accepted"
  // (AppSync's scalar description).
  const accepted = [0, 1_517_943_695, -1, -86_400, 4_102_444_800, Number.MAX_SAFE_INTEGER];

  it.each(accepted)('takes %p as a variable, a literal and a result, unchanged', (seconds) => {
    expect(timestamp.variable(seconds)).toBe(seconds);
    expect(timestamp.literal(String(seconds))).toBe(seconds);
    expect(timestamp.result(seconds)).toBe(seconds);
  });

  const rejected: unknown[] = [
    // Fractions, e.g. Date.now() / 1000 unrounded.
    1_517_943_695.749,
    // Numbers in strings.
    '1517943695',
    '2018-02-06T19:01:35Z',
    Number.MAX_SAFE_INTEGER + 1,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    true,
    null,
    [1],
  ];

  it.each(rejected)('refuses %p as a variable and as a result', (value) => {
    expect(() => timestamp.variable(value)).toThrow(AppSyncScalarError);
    expect(() => timestamp.result(value)).toThrow(AppSyncScalarError);
  });

  it('says what was received, why it fails and what is expected', () => {
    expect(messages(rejected, timestamp.variable)).toMatchInlineSnapshot(`
{
  "1517943695": "Unable to parse \`1517943695\` as a valid AWSTimestamp: the value is not a number; expected an integer number of seconds since 1970-01-01T00:00Z (negative before it).",
  "1517943695.749": "Unable to parse 1517943695.749 as a valid AWSTimestamp: the value has a fractional part (milliseconds? divide by 1000 and round); expected an integer number of seconds since 1970-01-01T00:00Z (negative before it).",
  "2018-02-06T19:01:35Z": "Unable to parse \`2018-02-06T19:01:35Z\` as a valid AWSTimestamp: the value is not a number; expected an integer number of seconds since 1970-01-01T00:00Z (negative before it).",
  "9007199254740992": "Unable to parse 9007199254740992 as a valid AWSTimestamp: the value is too large; expected an integer number of seconds since 1970-01-01T00:00Z (negative before it).",
  "[1]": "Unable to parse [1] as a valid AWSTimestamp: the value is not a number; expected an integer number of seconds since 1970-01-01T00:00Z (negative before it).",
  "null": "Unable to parse null as a valid AWSTimestamp: the value is not a number; expected an integer number of seconds since 1970-01-01T00:00Z (negative before it).",
  "true": "Unable to parse true as a valid AWSTimestamp: the value is not a number; expected an integer number of seconds since 1970-01-01T00:00Z (negative before it).",
}
`);
    expect(thrown(() => timestamp.result(1_517_943_695.749))).toMatchInlineSnapshot(
      `"Unable to serialize 1517943695.749 as a valid AWSTimestamp: the value has a fractional part (milliseconds? divide by 1000 and round); expected an integer number of seconds since 1970-01-01T00:00Z (negative before it)."`,
    );
  });

  it.each(['1517943695.5', '1.0', '"1517943695"', '99999999999999999999', 'true'])(
    'refuses the literal %s',
    (literal) => {
      expect(() => timestamp.literal(literal)).toThrow(AppSyncScalarError);
    },
  );

  it('explains a refused literal', () => {
    expect(messages(['1517943695.5', '"1517943695"', '99999999999999999999'], timestamp.literal))
      .toMatchInlineSnapshot(`
{
  ""1517943695"": "Unable to parse "1517943695" as a valid AWSTimestamp: the literal is not an integer; expected an integer number of seconds since 1970-01-01T00:00Z (negative before it).",
  "1517943695.5": "Unable to parse 1517943695.5 as a valid AWSTimestamp: the literal is not an integer; expected an integer number of seconds since 1970-01-01T00:00Z (negative before it).",
  "99999999999999999999": "Unable to parse 99999999999999999999 as a valid AWSTimestamp: the value is too large; expected an integer number of seconds since 1970-01-01T00:00Z (negative before it).",
}
`);
  });
});
