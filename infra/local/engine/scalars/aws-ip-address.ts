import { isIPv4, isIPv6 } from 'node:net';
import { defineStringScalar } from './define';

/*
 * IPv4 in dotted-quad form without leading zeros, or IPv6 in colon form without brackets or a
 * zone (%eth0), each with an optional CIDR prefix length: /0-32 for IPv4, /0-128 for IPv6.
 */
const PREFIX = /^(?:0|[1-9]\d{0,2})$/;

function checkIpAddress(text: string): string | undefined {
  const slash = text.indexOf('/');
  const address = slash < 0 ? text : text.slice(0, slash);
  const prefix = slash < 0 ? undefined : text.slice(slash + 1);
  const family = isIPv4(address) ? 4 : isIPv6(address) && !address.includes('%') ? 6 : 0;
  if (family === 0) {
    return `${slash < 0 ? 'it' : address} is neither an IPv4 nor an IPv6 address`;
  }
  if (prefix === undefined) {
    return undefined;
  }
  const limit = family === 4 ? 32 : 128;
  return PREFIX.test(prefix) && Number(prefix) <= limit
    ? undefined
    : `the CIDR prefix length of an IPv${family} address is 0 to ${limit}`;
}

/** AppSync's `AWSIPAddress` [runtime §11.3]. */
export const AWSIPAddress = defineStringScalar({
  name: 'AWSIPAddress',
  description:
    'An IPv4 address (192.0.2.1) or an IPv6 address (2001:db8::1), optionally with a CIDR suffix (/24). AppSync scalar.',
  expected:
    'an IPv4 address such as 192.0.2.1 or an IPv6 address such as 2001:db8::1, optionally with a CIDR suffix such as /24',
  check: checkIpAddress,
});
