import { COUNTRY_CALLING_CODES } from './country-codes';
import { defineStringScalar } from './define';

/*
 * AppSync validates phone numbers against each country's numbering plan (it rejects 111 as a US
 * exchange, aws-amplify/amplify-js#2825, and some valid Australian mobiles, aws-appsync-community
 * #289). Courier checks the structure that every plan shares instead of carrying per-country
 * metadata:
 * - digits in groups separated by single spaces or hyphens, with an optional leading `+`;
 * - with `+`: an assigned country calling code, and at most 15 digits in all (E.164), at least 4
 *   after the code;
 * - without `+`: a North American number (10 digits, or 11 starting with the trunk prefix 1);
 * - North American numbers (+1 included): area code and exchange start with 2-9, and the area code
 *   is neither N11 (service codes) nor N9X / 37X / 96X (reserved).
 */
const SHAPE = /^\+?\d+(?:[ -]\d+)*$/;
const E164_MAX_DIGITS = 15;
const MIN_NATIONAL_DIGITS = 4;

function checkNorthAmerican(national: string): string | undefined {
  if (national.length !== 10) {
    return `a North American number has 10 digits after the country code 1, not ${national.length}`;
  }
  const area = national.slice(0, 3);
  const exchange = national.slice(3, 6);
  if (
    !/^[2-9]/.test(area) ||
    area.slice(1) === '11' ||
    area[1] === '9' ||
    /^(?:37|96)/.test(area)
  ) {
    return `${area} is not a North American area code`;
  }
  if (!/^[2-9]/.test(exchange)) {
    return `a North American exchange code starts with 2-9, not ${exchange}`;
  }
  return undefined;
}

function checkPhone(text: string): string | undefined {
  if (!SHAPE.test(text)) {
    return 'only digits, single spaces or hyphens between them, and a leading + are allowed';
  }
  const digits = text.replace(/\D/g, '');
  if (!text.startsWith('+')) {
    if (digits.length === 11 && digits.startsWith('1')) {
      return checkNorthAmerican(digits.slice(1));
    }
    return digits.length === 10
      ? checkNorthAmerican(digits)
      : 'without a +country code the number must be North American (10 digits)';
  }
  const code = [1, 2, 3].map((n) => digits.slice(0, n)).find((p) => COUNTRY_CALLING_CODES.has(p));
  if (code === undefined) {
    return `+${digits.slice(0, 3)} does not start with a country calling code`;
  }
  if (digits.length > E164_MAX_DIGITS) {
    return `an international number has at most ${E164_MAX_DIGITS} digits`;
  }
  const national = digits.slice(code.length);
  if (code === '1') {
    return checkNorthAmerican(national);
  }
  return national.length < MIN_NATIONAL_DIGITS
    ? `too few digits after the country code +${code}`
    : undefined;
}

/** AppSync's `AWSPhone` [runtime §11.3]. The text reaches resolvers and clients as written. */
export const AWSPhone = defineStringScalar({
  name: 'AWSPhone',
  description:
    'A phone number: digits, optionally grouped by spaces or hyphens; without a +country code it is North American. AppSync scalar.',
  expected:
    'a phone number such as +44 20 7946 0958 or 206-555-0100 (digits grouped by spaces or hyphens; without a +country code, a 10-digit North American number)',
  check: checkPhone,
});
