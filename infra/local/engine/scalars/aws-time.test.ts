import { AWSTime } from './aws-time';
import { AppSyncScalarError } from './errors';
import { driver, messages, quoted, thrown } from './test-support';

const time = driver(AWSTime);

describe('AWSTime', () => {
  const accepted = [
    // AppSync's scalar description: "12:30Z, 12:30:24-07:00 and 12:30:24.500+05:30 are all valid".
    '12:30Z',
    '12:30:24-07:00',
    '12:30:24.500+05:30',
    '12:30',
    '00:00',
    '23:59:59',
    // The fraction field takes 1 to 9 digits.
    '12:30:24.5',
    '23:59:59.999999999',
    '12:30:24.123456789Z',
    '12:30+05:30:15',
    '12:30z',
  ];

  it.each(accepted)('takes %s as a variable, a literal and a result, unchanged', (text) => {
    expect(time.variable(text)).toBe(text);
    expect(time.literal(quoted(text))).toBe(text);
    expect(time.result(text)).toBe(text);
  });

  const rejected = [
    '24:00',
    '23:59:60',
    '12:60',
    // A decimal point needs digits (java.time would take it; AWS documents 1 to 9 digits).
    '12:00:34.',
    '12:30:24.1234567890',
    // Seconds must precede the fraction.
    '12:30.5',
    '12',
    '1:30',
    '12:30+0530',
    '12:30+18:01',
    '1970-01-01T12:30Z',
    'noon',
    '12:30 ',
  ];

  it.each(rejected)('refuses %p in every direction', (text) => {
    expect(() => time.variable(text)).toThrow(AppSyncScalarError);
    expect(() => time.literal(quoted(text))).toThrow(AppSyncScalarError);
    expect(() => time.result(text)).toThrow(AppSyncScalarError);
  });

  it('says what was received, why it fails and what is expected', () => {
    expect(messages(rejected, time.variable)).toMatchInlineSnapshot(`
{
  "12": "Unable to parse \`12\` as a valid AWSTime: it ends where more is expected; expected an ISO 8601 time hh:mm[:ss[.fffffffff]] (1 to 9 fraction digits, only after seconds), optionally followed by a zone offset Z, ±hh:mm or ±hh:mm:ss.",
  "12:00:34.": "Unable to parse \`12:00:34.\` as a valid AWSTime: a decimal point needs 1 to 9 digits after it; expected an ISO 8601 time hh:mm[:ss[.fffffffff]] (1 to 9 fraction digits, only after seconds), optionally followed by a zone offset Z, ±hh:mm or ±hh:mm:ss.",
  "12:30 ": "Unable to parse \`12:30 \` as a valid AWSTime: unexpected " " at character 6; expected an ISO 8601 time hh:mm[:ss[.fffffffff]] (1 to 9 fraction digits, only after seconds), optionally followed by a zone offset Z, ±hh:mm or ±hh:mm:ss.",
  "12:30+0530": "Unable to parse \`12:30+0530\` as a valid AWSTime: the zone offset needs a colon (+05:30, not +0530); expected an ISO 8601 time hh:mm[:ss[.fffffffff]] (1 to 9 fraction digits, only after seconds), optionally followed by a zone offset Z, ±hh:mm or ±hh:mm:ss.",
  "12:30+18:01": "Unable to parse \`12:30+18:01\` as a valid AWSTime: the zone offset is beyond ±18:00; expected an ISO 8601 time hh:mm[:ss[.fffffffff]] (1 to 9 fraction digits, only after seconds), optionally followed by a zone offset Z, ±hh:mm or ±hh:mm:ss.",
  "12:30.5": "Unable to parse \`12:30.5\` as a valid AWSTime: unexpected ".5" at character 6; expected an ISO 8601 time hh:mm[:ss[.fffffffff]] (1 to 9 fraction digits, only after seconds), optionally followed by a zone offset Z, ±hh:mm or ±hh:mm:ss.",
  "12:30:24.1234567890": "Unable to parse \`12:30:24.1234567890\` as a valid AWSTime: unexpected "0" at character 19; expected an ISO 8601 time hh:mm[:ss[.fffffffff]] (1 to 9 fraction digits, only after seconds), optionally followed by a zone offset Z, ±hh:mm or ±hh:mm:ss.",
  "12:60": "Unable to parse \`12:60\` as a valid AWSTime: minute 60 is out of range; expected an ISO 8601 time hh:mm[:ss[.fffffffff]] (1 to 9 fraction digits, only after seconds), optionally followed by a zone offset Z, ±hh:mm or ±hh:mm:ss.",
  "1970-01-01T12:30Z": "Unable to parse \`1970-01-01T12:30Z\` as a valid AWSTime: unexpected "70-01-01T12:30Z" at character 3; expected an ISO 8601 time hh:mm[:ss[.fffffffff]] (1 to 9 fraction digits, only after seconds), optionally followed by a zone offset Z, ±hh:mm or ±hh:mm:ss.",
  "1:30": "Unable to parse \`1:30\` as a valid AWSTime: unexpected "1:30" at character 1; expected an ISO 8601 time hh:mm[:ss[.fffffffff]] (1 to 9 fraction digits, only after seconds), optionally followed by a zone offset Z, ±hh:mm or ±hh:mm:ss.",
  "23:59:60": "Unable to parse \`23:59:60\` as a valid AWSTime: second 60 is out of range; expected an ISO 8601 time hh:mm[:ss[.fffffffff]] (1 to 9 fraction digits, only after seconds), optionally followed by a zone offset Z, ±hh:mm or ±hh:mm:ss.",
  "24:00": "Unable to parse \`24:00\` as a valid AWSTime: hour 24 is out of range; expected an ISO 8601 time hh:mm[:ss[.fffffffff]] (1 to 9 fraction digits, only after seconds), optionally followed by a zone offset Z, ±hh:mm or ±hh:mm:ss.",
  "noon": "Unable to parse \`noon\` as a valid AWSTime: unexpected "noon" at character 1; expected an ISO 8601 time hh:mm[:ss[.fffffffff]] (1 to 9 fraction digits, only after seconds), optionally followed by a zone offset Z, ±hh:mm or ±hh:mm:ss.",
}
`);
  });

  it('words a bad resolver result as a serialization failure', () => {
    expect(thrown(() => time.result('25:00'))).toMatchInlineSnapshot(
      `"Unable to serialize \`25:00\` as a valid AWSTime: hour 25 is out of range; expected an ISO 8601 time hh:mm[:ss[.fffffffff]] (1 to 9 fraction digits, only after seconds), optionally followed by a zone offset Z, ±hh:mm or ±hh:mm:ss."`,
    );
  });

  it('refuses values that are not strings', () => {
    expect(messages([1230, null], time.variable)).toMatchInlineSnapshot(`
{
  "1230": "Unable to parse 1230 as a valid AWSTime: the value is not a string; expected an ISO 8601 time hh:mm[:ss[.fffffffff]] (1 to 9 fraction digits, only after seconds), optionally followed by a zone offset Z, ±hh:mm or ±hh:mm:ss.",
  "null": "Unable to parse null as a valid AWSTime: the value is not a string; expected an ISO 8601 time hh:mm[:ss[.fffffffff]] (1 to 9 fraction digits, only after seconds), optionally followed by a zone offset Z, ±hh:mm or ±hh:mm:ss.",
}
`);
    expect(thrown(() => time.literal('12.5'))).toMatchInlineSnapshot(
      `"Unable to parse 12.5 as a valid AWSTime: the value is not a string; expected an ISO 8601 time hh:mm[:ss[.fffffffff]] (1 to 9 fraction digits, only after seconds), optionally followed by a zone offset Z, ±hh:mm or ±hh:mm:ss."`,
    );
  });
});
