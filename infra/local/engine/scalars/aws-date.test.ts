import { AWSDate } from './aws-date';
import { AppSyncScalarError } from './errors';
import { driver, messages, quoted, thrown } from './test-support';

const date = driver(AWSDate);

describe('AWSDate', () => {
  const accepted = [
    // The AWS scalar reference's examples (docs.aws.amazon.com/appsync/latest/devguide/scalars.html).
    '1970-01-01Z',
    '1970-01-01-07:00',
    '1970-01-01+05:30',
    // Offset seconds: "considered valid even though it's not part of the ISO 8601 standard".
    '1970-01-01+05:30:15',
    '1970-01-01',
    '2020-02-29',
    '2000-02-29',
    '0000-01-01',
    // Years beyond 9999 carry a sign, earlier ones a minus (java.time's ISO_LOCAL_DATE).
    '+10000-01-01',
    '-2017-01-01',
    '1970-01-01+18:00',
    '1970-01-01-18:00',
    '1970-01-01z',
  ];

  it.each(accepted)('takes %s as a variable, a literal and a result, unchanged', (text) => {
    expect(date.variable(text)).toBe(text);
    expect(date.literal(quoted(text))).toBe(text);
    expect(date.result(text)).toBe(text);
  });

  const rejected = [
    // AppSync: "Unable to parse `2019-12-24T04:15:57.798Z` as a valid date." (aws-amplify/amplify-swift#278)
    '2019-12-24T04:15:57.798Z',
    '2020-02-30',
    '2019-02-29',
    '1900-02-29',
    '2020-13-01',
    '2020-00-10',
    '1970-1-01',
    '1970-0101',
    '70-01-01',
    '19700101',
    '1970-01-01+0530',
    '1970-01-01+05',
    '1970-01-01+18:01',
    '+2017-01-01',
    '10000-01-01',
    ' 1970-01-01',
    '1970-01-01 ',
    '',
  ];

  it.each(rejected)('refuses %p in every direction', (text) => {
    expect(() => date.variable(text)).toThrow(AppSyncScalarError);
    expect(() => date.literal(quoted(text))).toThrow(AppSyncScalarError);
    expect(() => date.result(text)).toThrow(AppSyncScalarError);
  });

  it('says what was received, why it fails and what is expected', () => {
    expect(messages(rejected, date.variable)).toMatchInlineSnapshot(`
{
  "": "Unable to parse \`\` as a valid AWSDate: the value is empty; expected an ISO 8601 date YYYY-MM-DD, optionally followed by a zone offset Z, ±hh:mm or ±hh:mm:ss.",
  " 1970-01-01": "Unable to parse \` 1970-01-01\` as a valid AWSDate: unexpected " 1970-01-01" at character 1; expected an ISO 8601 date YYYY-MM-DD, optionally followed by a zone offset Z, ±hh:mm or ±hh:mm:ss.",
  "+2017-01-01": "Unable to parse \`+2017-01-01\` as a valid AWSDate: unexpected "+2017-01-01" at character 1; expected an ISO 8601 date YYYY-MM-DD, optionally followed by a zone offset Z, ±hh:mm or ±hh:mm:ss.",
  "10000-01-01": "Unable to parse \`10000-01-01\` as a valid AWSDate: unexpected "10000-01-01" at character 1; expected an ISO 8601 date YYYY-MM-DD, optionally followed by a zone offset Z, ±hh:mm or ±hh:mm:ss.",
  "1900-02-29": "Unable to parse \`1900-02-29\` as a valid AWSDate: no such calendar date: 1900 is not a leap year; expected an ISO 8601 date YYYY-MM-DD, optionally followed by a zone offset Z, ±hh:mm or ±hh:mm:ss.",
  "1970-01-01 ": "Unable to parse \`1970-01-01 \` as a valid AWSDate: unexpected " " at character 11; expected an ISO 8601 date YYYY-MM-DD, optionally followed by a zone offset Z, ±hh:mm or ±hh:mm:ss.",
  "1970-01-01+05": "Unable to parse \`1970-01-01+05\` as a valid AWSDate: unexpected "+05" at character 11; expected an ISO 8601 date YYYY-MM-DD, optionally followed by a zone offset Z, ±hh:mm or ±hh:mm:ss.",
  "1970-01-01+0530": "Unable to parse \`1970-01-01+0530\` as a valid AWSDate: the zone offset needs a colon (+05:30, not +0530); expected an ISO 8601 date YYYY-MM-DD, optionally followed by a zone offset Z, ±hh:mm or ±hh:mm:ss.",
  "1970-01-01+18:01": "Unable to parse \`1970-01-01+18:01\` as a valid AWSDate: the zone offset is beyond ±18:00; expected an ISO 8601 date YYYY-MM-DD, optionally followed by a zone offset Z, ±hh:mm or ±hh:mm:ss.",
  "1970-0101": "Unable to parse \`1970-0101\` as a valid AWSDate: unexpected "01" at character 8; expected an ISO 8601 date YYYY-MM-DD, optionally followed by a zone offset Z, ±hh:mm or ±hh:mm:ss.",
  "1970-1-01": "Unable to parse \`1970-1-01\` as a valid AWSDate: unexpected "1-01" at character 6; expected an ISO 8601 date YYYY-MM-DD, optionally followed by a zone offset Z, ±hh:mm or ±hh:mm:ss.",
  "19700101": "Unable to parse \`19700101\` as a valid AWSDate: unexpected "19700101" at character 1; expected an ISO 8601 date YYYY-MM-DD, optionally followed by a zone offset Z, ±hh:mm or ±hh:mm:ss.",
  "2019-02-29": "Unable to parse \`2019-02-29\` as a valid AWSDate: no such calendar date: 2019 is not a leap year; expected an ISO 8601 date YYYY-MM-DD, optionally followed by a zone offset Z, ±hh:mm or ±hh:mm:ss.",
  "2019-12-24T04:15:57.798Z": "Unable to parse \`2019-12-24T04:15:57.798Z\` as a valid AWSDate: unexpected "T04:15:57.798Z" at character 11; expected an ISO 8601 date YYYY-MM-DD, optionally followed by a zone offset Z, ±hh:mm or ±hh:mm:ss.",
  "2020-00-10": "Unable to parse \`2020-00-10\` as a valid AWSDate: month 0 is out of range; expected an ISO 8601 date YYYY-MM-DD, optionally followed by a zone offset Z, ±hh:mm or ±hh:mm:ss.",
  "2020-02-30": "Unable to parse \`2020-02-30\` as a valid AWSDate: no such calendar date; expected an ISO 8601 date YYYY-MM-DD, optionally followed by a zone offset Z, ±hh:mm or ±hh:mm:ss.",
  "2020-13-01": "Unable to parse \`2020-13-01\` as a valid AWSDate: month 13 is out of range; expected an ISO 8601 date YYYY-MM-DD, optionally followed by a zone offset Z, ±hh:mm or ±hh:mm:ss.",
  "70-01-01": "Unable to parse \`70-01-01\` as a valid AWSDate: unexpected "70-01-01" at character 1; expected an ISO 8601 date YYYY-MM-DD, optionally followed by a zone offset Z, ±hh:mm or ±hh:mm:ss.",
}
`);
  });

  it('words a bad resolver result as a serialization failure', () => {
    expect(thrown(() => date.result('2020-02-30'))).toMatchInlineSnapshot(
      `"Unable to serialize \`2020-02-30\` as a valid AWSDate: no such calendar date; expected an ISO 8601 date YYYY-MM-DD, optionally followed by a zone offset Z, ±hh:mm or ±hh:mm:ss."`,
    );
  });

  it('refuses values that are not strings', () => {
    expect(messages([19700101, true, { year: 1970 }], date.variable)).toMatchInlineSnapshot(`
{
  "19700101": "Unable to parse 19700101 as a valid AWSDate: the value is not a string; expected an ISO 8601 date YYYY-MM-DD, optionally followed by a zone offset Z, ±hh:mm or ±hh:mm:ss.",
  "true": "Unable to parse true as a valid AWSDate: the value is not a string; expected an ISO 8601 date YYYY-MM-DD, optionally followed by a zone offset Z, ±hh:mm or ±hh:mm:ss.",
  "{"year":1970}": "Unable to parse {"year":1970} as a valid AWSDate: the value is not a string; expected an ISO 8601 date YYYY-MM-DD, optionally followed by a zone offset Z, ±hh:mm or ±hh:mm:ss.",
}
`);
    expect(thrown(() => date.literal('19700101'))).toMatchInlineSnapshot(
      `"Unable to parse 19700101 as a valid AWSDate: the value is not a string; expected an ISO 8601 date YYYY-MM-DD, optionally followed by a zone offset Z, ±hh:mm or ±hh:mm:ss."`,
    );
  });
});
