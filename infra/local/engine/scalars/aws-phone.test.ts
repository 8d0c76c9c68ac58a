import { AWSPhone } from './aws-phone';
import { COUNTRY_CALLING_CODES } from './country-codes';
import { AppSyncScalarError } from './errors';
import { driver, messages, quoted, thrown } from './test-support';

const phone = driver(AWSPhone);

describe('AWSPhone', () => {
  const accepted = [
    // "Phone numbers can contain either spaces or hyphens to separate digit groups" (AWS docs).
    '+1 206 555 0100',
    '+1-206-555-0100',
    '+12065550100',
    // Without a country code: North American (AWS docs).
    '206-555-0100',
    '206 555 0100',
    '2065550100',
    // Accepted by AppSync in aws-amplify/amplify-cli#3964.
    '5089180293',
    '1-206-555-0100',
    '+44 20 7946 0958',
    '+33 1 23 45 67 89',
    '+49 30 901820',
    '+61 483 911 111',
    '+81-3-1234-5678',
    '+86 10 1234 5678',
    '+353 1 234 5678',
    '+683 4002',
    '+7 495 123-45-67',
  ];

  it.each(accepted)('takes %s as a variable, a literal and a result, unchanged', (text) => {
    expect(phone.variable(text)).toBe(text);
    expect(phone.literal(quoted(text))).toBe(text);
    expect(phone.result(text)).toBe(text);
  });

  const rejected = [
    // Refused by AppSync: area code 111 (aws-amplify/amplify-flutter#822), exchange 111
    // (aws-amplify/amplify-js#2825), exchange 198 (aws-amplify/amplify-js#9065), too short
    // (aws-amplify/amplify-studio#759).
    '1110004444',
    '575-111-1111',
    '6781982162',
    '+12312',
    '(678) 198-2162',
    '206.555.0100',
    '206  555 0100',
    '206-555-0100 ',
    '+ 1 206 555 0100',
    '555-0100',
    '206555010',
    '20655501000',
    '+1 206 555 01000',
    '+1 911 555 0100',
    '+1 290 555 0100',
    '+999 1234 5678',
    '+44 1 2',
    '+44 1234 5678 9012 34',
    'phone',
    '',
  ];

  it.each(rejected)('refuses %p in every direction', (text) => {
    expect(() => phone.variable(text)).toThrow(AppSyncScalarError);
    expect(() => phone.literal(quoted(text))).toThrow(AppSyncScalarError);
    expect(() => phone.result(text)).toThrow(AppSyncScalarError);
  });

  it('says what was received, why it fails and what is expected', () => {
    expect(messages(rejected, phone.variable)).toMatchInlineSnapshot(`
{
  "": "Unable to parse \`\` as a valid AWSPhone: the value is empty; expected a phone number such as +44 20 7946 0958 or 206-555-0100 (digits grouped by spaces or hyphens; without a +country code, a 10-digit North American number).",
  "(678) 198-2162": "Unable to parse \`(678) 198-2162\` as a valid AWSPhone: only digits, single spaces or hyphens between them, and a leading + are allowed; expected a phone number such as +44 20 7946 0958 or 206-555-0100 (digits grouped by spaces or hyphens; without a +country code, a 10-digit North American number).",
  "+ 1 206 555 0100": "Unable to parse \`+ 1 206 555 0100\` as a valid AWSPhone: only digits, single spaces or hyphens between them, and a leading + are allowed; expected a phone number such as +44 20 7946 0958 or 206-555-0100 (digits grouped by spaces or hyphens; without a +country code, a 10-digit North American number).",
  "+1 206 555 01000": "Unable to parse \`+1 206 555 01000\` as a valid AWSPhone: a North American number has 10 digits after the country code 1, not 11; expected a phone number such as +44 20 7946 0958 or 206-555-0100 (digits grouped by spaces or hyphens; without a +country code, a 10-digit North American number).",
  "+1 290 555 0100": "Unable to parse \`+1 290 555 0100\` as a valid AWSPhone: 290 is not a North American area code; expected a phone number such as +44 20 7946 0958 or 206-555-0100 (digits grouped by spaces or hyphens; without a +country code, a 10-digit North American number).",
  "+1 911 555 0100": "Unable to parse \`+1 911 555 0100\` as a valid AWSPhone: 911 is not a North American area code; expected a phone number such as +44 20 7946 0958 or 206-555-0100 (digits grouped by spaces or hyphens; without a +country code, a 10-digit North American number).",
  "+12312": "Unable to parse \`+12312\` as a valid AWSPhone: a North American number has 10 digits after the country code 1, not 4; expected a phone number such as +44 20 7946 0958 or 206-555-0100 (digits grouped by spaces or hyphens; without a +country code, a 10-digit North American number).",
  "+44 1 2": "Unable to parse \`+44 1 2\` as a valid AWSPhone: too few digits after the country code +44; expected a phone number such as +44 20 7946 0958 or 206-555-0100 (digits grouped by spaces or hyphens; without a +country code, a 10-digit North American number).",
  "+44 1234 5678 9012 34": "Unable to parse \`+44 1234 5678 9012 34\` as a valid AWSPhone: an international number has at most 15 digits; expected a phone number such as +44 20 7946 0958 or 206-555-0100 (digits grouped by spaces or hyphens; without a +country code, a 10-digit North American number).",
  "+999 1234 5678": "Unable to parse \`+999 1234 5678\` as a valid AWSPhone: +999 does not start with a country calling code; expected a phone number such as +44 20 7946 0958 or 206-555-0100 (digits grouped by spaces or hyphens; without a +country code, a 10-digit North American number).",
  "1110004444": "Unable to parse \`1110004444\` as a valid AWSPhone: 111 is not a North American area code; expected a phone number such as +44 20 7946 0958 or 206-555-0100 (digits grouped by spaces or hyphens; without a +country code, a 10-digit North American number).",
  "206  555 0100": "Unable to parse \`206  555 0100\` as a valid AWSPhone: only digits, single spaces or hyphens between them, and a leading + are allowed; expected a phone number such as +44 20 7946 0958 or 206-555-0100 (digits grouped by spaces or hyphens; without a +country code, a 10-digit North American number).",
  "206-555-0100 ": "Unable to parse \`206-555-0100 \` as a valid AWSPhone: only digits, single spaces or hyphens between them, and a leading + are allowed; expected a phone number such as +44 20 7946 0958 or 206-555-0100 (digits grouped by spaces or hyphens; without a +country code, a 10-digit North American number).",
  "206.555.0100": "Unable to parse \`206.555.0100\` as a valid AWSPhone: only digits, single spaces or hyphens between them, and a leading + are allowed; expected a phone number such as +44 20 7946 0958 or 206-555-0100 (digits grouped by spaces or hyphens; without a +country code, a 10-digit North American number).",
  "206555010": "Unable to parse \`206555010\` as a valid AWSPhone: without a +country code the number must be North American (10 digits); expected a phone number such as +44 20 7946 0958 or 206-555-0100 (digits grouped by spaces or hyphens; without a +country code, a 10-digit North American number).",
  "20655501000": "Unable to parse \`20655501000\` as a valid AWSPhone: without a +country code the number must be North American (10 digits); expected a phone number such as +44 20 7946 0958 or 206-555-0100 (digits grouped by spaces or hyphens; without a +country code, a 10-digit North American number).",
  "555-0100": "Unable to parse \`555-0100\` as a valid AWSPhone: without a +country code the number must be North American (10 digits); expected a phone number such as +44 20 7946 0958 or 206-555-0100 (digits grouped by spaces or hyphens; without a +country code, a 10-digit North American number).",
  "575-111-1111": "Unable to parse \`575-111-1111\` as a valid AWSPhone: a North American exchange code starts with 2-9, not 111; expected a phone number such as +44 20 7946 0958 or 206-555-0100 (digits grouped by spaces or hyphens; without a +country code, a 10-digit North American number).",
  "6781982162": "Unable to parse \`6781982162\` as a valid AWSPhone: a North American exchange code starts with 2-9, not 198; expected a phone number such as +44 20 7946 0958 or 206-555-0100 (digits grouped by spaces or hyphens; without a +country code, a 10-digit North American number).",
  "phone": "Unable to parse \`phone\` as a valid AWSPhone: only digits, single spaces or hyphens between them, and a leading + are allowed; expected a phone number such as +44 20 7946 0958 or 206-555-0100 (digits grouped by spaces or hyphens; without a +country code, a 10-digit North American number).",
}
`);
  });

  it('refuses a number given as a number', () => {
    expect(thrown(() => phone.variable(2_065_550_100))).toMatchInlineSnapshot(
      `"Unable to parse 2065550100 as a valid AWSPhone: the value is not a string; expected a phone number such as +44 20 7946 0958 or 206-555-0100 (digits grouped by spaces or hyphens; without a +country code, a 10-digit North American number)."`,
    );
  });

  it('knows calling codes as a prefix-free set', () => {
    const codes = [...COUNTRY_CALLING_CODES];
    const prefixes = codes.filter((code) =>
      codes.some((other) => other !== code && other.startsWith(code)),
    );
    expect(prefixes).toEqual([]);
    expect(codes.every((code) => /^[1-9]\d{0,2}$/.test(code))).toBe(true);
  });
});
