import { AWSDateTime } from './aws-date-time';
import { AppSyncScalarError } from './errors';
import { driver, messages, quoted, thrown } from './test-support';

const dateTime = driver(AWSDateTime);

describe('AWSDateTime', () => {
  const accepted = [
    // AppSync's scalar description: fractions of 1 to 9 digits, and negative years.
    '1970-01-01T12:00:00.2Z',
    '1970-01-01T12:00:00.277Z',
    '1970-01-01T12:00:00.123456789Z',
    '-2017-01-01T00:00Z',
    '-9999-01-01T00:00Z',
    // Accepted by AppSync, refused by another emulator (aws-amplify/amplify-category-api#1856).
    '2020-01-01T00:00+00:00',
    '2020-01-01T20:00-07:00',
    '2020-01-01T20:00:00+05:30:15',
    '2018-02-06T19:01:35.749Z',
    '2020-01-01T23:59:59-18:00',
    '2020-01-01t00:00z',
  ];

  it.each(accepted)('takes %s as a variable, a literal and a result, unchanged', (text) => {
    expect(dateTime.variable(text)).toBe(text);
    expect(dateTime.literal(quoted(text))).toBe(text);
    expect(dateTime.result(text)).toBe(text);
  });

  const rejected = [
    // The offset is compulsory.
    '2020-01-01T00:00',
    '2020-01-01',
    // Without a colon: refused, as AppSync's team confirmed (re:Post QUcyiqHLjXQk6s5zS0WWyR1w).
    '2020-01-01T00:00+0800',
    '2020-01-01T00:00:00.123-0530',
    // AppSync: "Unable to serialize `2020-05-23T06:4:37.000Z` as a valid DateTime Object."
    // (aws-amplify/amplify-js#5963)
    '2020-05-23T06:4:37.000Z',
    '2020-01-01 00:00Z',
    '2020-01-01T00:00:00.Z',
    '2020-01-01T00Z',
    '2020-01-01T00:00:00,5Z',
    '2020-02-30T00:00Z',
    '2020-01-01T24:00Z',
    '2020-01-01T00:00+18:01',
    '1577836800',
    '',
  ];

  it.each(rejected)('refuses %p in every direction', (text) => {
    expect(() => dateTime.variable(text)).toThrow(AppSyncScalarError);
    expect(() => dateTime.literal(quoted(text))).toThrow(AppSyncScalarError);
    expect(() => dateTime.result(text)).toThrow(AppSyncScalarError);
  });

  it('says what was received, why it fails and what is expected', () => {
    expect(messages(rejected, dateTime.variable)).toMatchInlineSnapshot(`
{
  "": "Unable to parse \`\` as a valid AWSDateTime: the value is empty; expected an ISO 8601 date-time YYYY-MM-DDThh:mm[:ss[.fffffffff]] followed by a compulsory zone offset Z, ±hh:mm or ±hh:mm:ss.",
  "1577836800": "Unable to parse \`1577836800\` as a valid AWSDateTime: unexpected "1577836800" at character 1; expected an ISO 8601 date-time YYYY-MM-DDThh:mm[:ss[.fffffffff]] followed by a compulsory zone offset Z, ±hh:mm or ±hh:mm:ss.",
  "2020-01-01": "Unable to parse \`2020-01-01\` as a valid AWSDateTime: it ends where more is expected; expected an ISO 8601 date-time YYYY-MM-DDThh:mm[:ss[.fffffffff]] followed by a compulsory zone offset Z, ±hh:mm or ±hh:mm:ss.",
  "2020-01-01 00:00Z": "Unable to parse \`2020-01-01 00:00Z\` as a valid AWSDateTime: unexpected " 00:00Z" at character 11; expected an ISO 8601 date-time YYYY-MM-DDThh:mm[:ss[.fffffffff]] followed by a compulsory zone offset Z, ±hh:mm or ±hh:mm:ss.",
  "2020-01-01T00:00": "Unable to parse \`2020-01-01T00:00\` as a valid AWSDateTime: the zone offset is missing; expected an ISO 8601 date-time YYYY-MM-DDThh:mm[:ss[.fffffffff]] followed by a compulsory zone offset Z, ±hh:mm or ±hh:mm:ss.",
  "2020-01-01T00:00+0800": "Unable to parse \`2020-01-01T00:00+0800\` as a valid AWSDateTime: the zone offset needs a colon (+08:00, not +0800); expected an ISO 8601 date-time YYYY-MM-DDThh:mm[:ss[.fffffffff]] followed by a compulsory zone offset Z, ±hh:mm or ±hh:mm:ss.",
  "2020-01-01T00:00+18:01": "Unable to parse \`2020-01-01T00:00+18:01\` as a valid AWSDateTime: the zone offset is beyond ±18:00; expected an ISO 8601 date-time YYYY-MM-DDThh:mm[:ss[.fffffffff]] followed by a compulsory zone offset Z, ±hh:mm or ±hh:mm:ss.",
  "2020-01-01T00:00:00,5Z": "Unable to parse \`2020-01-01T00:00:00,5Z\` as a valid AWSDateTime: unexpected ",5Z" at character 20; expected an ISO 8601 date-time YYYY-MM-DDThh:mm[:ss[.fffffffff]] followed by a compulsory zone offset Z, ±hh:mm or ±hh:mm:ss.",
  "2020-01-01T00:00:00.123-0530": "Unable to parse \`2020-01-01T00:00:00.123-0530\` as a valid AWSDateTime: the zone offset needs a colon (-05:30, not -0530); expected an ISO 8601 date-time YYYY-MM-DDThh:mm[:ss[.fffffffff]] followed by a compulsory zone offset Z, ±hh:mm or ±hh:mm:ss.",
  "2020-01-01T00:00:00.Z": "Unable to parse \`2020-01-01T00:00:00.Z\` as a valid AWSDateTime: a decimal point needs 1 to 9 digits after it; expected an ISO 8601 date-time YYYY-MM-DDThh:mm[:ss[.fffffffff]] followed by a compulsory zone offset Z, ±hh:mm or ±hh:mm:ss.",
  "2020-01-01T00Z": "Unable to parse \`2020-01-01T00Z\` as a valid AWSDateTime: unexpected "Z" at character 14; expected an ISO 8601 date-time YYYY-MM-DDThh:mm[:ss[.fffffffff]] followed by a compulsory zone offset Z, ±hh:mm or ±hh:mm:ss.",
  "2020-01-01T24:00Z": "Unable to parse \`2020-01-01T24:00Z\` as a valid AWSDateTime: hour 24 is out of range; expected an ISO 8601 date-time YYYY-MM-DDThh:mm[:ss[.fffffffff]] followed by a compulsory zone offset Z, ±hh:mm or ±hh:mm:ss.",
  "2020-02-30T00:00Z": "Unable to parse \`2020-02-30T00:00Z\` as a valid AWSDateTime: no such calendar date; expected an ISO 8601 date-time YYYY-MM-DDThh:mm[:ss[.fffffffff]] followed by a compulsory zone offset Z, ±hh:mm or ±hh:mm:ss.",
  "2020-05-23T06:4:37.000Z": "Unable to parse \`2020-05-23T06:4:37.000Z\` as a valid AWSDateTime: unexpected "4:37.000Z" at character 15; expected an ISO 8601 date-time YYYY-MM-DDThh:mm[:ss[.fffffffff]] followed by a compulsory zone offset Z, ±hh:mm or ±hh:mm:ss.",
}
`);
  });

  it('words a bad resolver result as a serialization failure', () => {
    expect(thrown(() => dateTime.result('2020-05-23T06:4:37.000Z'))).toMatchInlineSnapshot(
      `"Unable to serialize \`2020-05-23T06:4:37.000Z\` as a valid AWSDateTime: unexpected "4:37.000Z" at character 15; expected an ISO 8601 date-time YYYY-MM-DDThh:mm[:ss[.fffffffff]] followed by a compulsory zone offset Z, ±hh:mm or ±hh:mm:ss."`,
    );
  });

  it('refuses values that are not strings', () => {
    // A client that sent an object: refused by AppSync too (aws-amplify/amplify-android#590).
    expect(messages([1_577_836_800, { offsetDateTime: { dateTime: {} } }], dateTime.variable))
      .toMatchInlineSnapshot(`
{
  "1577836800": "Unable to parse 1577836800 as a valid AWSDateTime: the value is not a string; expected an ISO 8601 date-time YYYY-MM-DDThh:mm[:ss[.fffffffff]] followed by a compulsory zone offset Z, ±hh:mm or ±hh:mm:ss.",
  "{"offsetDateTime":{"dateTime":{}}}": "Unable to parse {"offsetDateTime":{"dateTime":{}}} as a valid AWSDateTime: the value is not a string; expected an ISO 8601 date-time YYYY-MM-DDThh:mm[:ss[.fffffffff]] followed by a compulsory zone offset Z, ±hh:mm or ±hh:mm:ss.",
}
`);
    expect(thrown(() => dateTime.literal('1577836800'))).toMatchInlineSnapshot(
      `"Unable to parse 1577836800 as a valid AWSDateTime: the value is not a string; expected an ISO 8601 date-time YYYY-MM-DDThh:mm[:ss[.fffffffff]] followed by a compulsory zone offset Z, ±hh:mm or ±hh:mm:ss."`,
    );
  });
});
