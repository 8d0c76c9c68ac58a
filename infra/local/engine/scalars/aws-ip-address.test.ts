import { AWSIPAddress } from './aws-ip-address';
import { AppSyncScalarError } from './errors';
import { driver, messages, quoted } from './test-support';

const ip = driver(AWSIPAddress);

describe('AWSIPAddress', () => {
  const accepted = [
    // The AWS scalar reference's examples (quad-dotted, non-bracketed IPv6, CIDR suffix).
    '123.12.34.56',
    '1a2b:3c4b::1234:4567',
    '123.45.67.89/16',
    '0.0.0.0',
    '255.255.255.255',
    '192.0.2.0/24',
    '10.0.0.0/0',
    '10.0.0.1/32',
    '::',
    '::1',
    '2001:db8::/32',
    '2001:DB8:0:0:8:800:200C:417A',
    '::ffff:192.0.2.1',
    'fe80::1/128',
  ];

  it.each(accepted)('takes %s as a variable, a literal and a result, unchanged', (text) => {
    expect(ip.variable(text)).toBe(text);
    expect(ip.literal(quoted(text))).toBe(text);
    expect(ip.result(text)).toBe(text);
  });

  const rejected = [
    '256.1.1.1',
    '1.2.3',
    '01.2.3.4',
    '1.2.3.4.5',
    '[::1]',
    'fe80::1%eth0',
    '1::2::3',
    '1:2:3:4:5:6:7:8:9',
    '192.0.2.0/33',
    '2001:db8::/129',
    '192.0.2.0/',
    '192.0.2.0/024',
    '192.0.2.0/-1',
    '192.0.2.0/24/8',
    'localhost',
    ' 192.0.2.1',
    '',
  ];

  it.each(rejected)('refuses %p in every direction', (text) => {
    expect(() => ip.variable(text)).toThrow(AppSyncScalarError);
    expect(() => ip.literal(quoted(text))).toThrow(AppSyncScalarError);
    expect(() => ip.result(text)).toThrow(AppSyncScalarError);
  });

  it('says what was received, why it fails and what is expected', () => {
    expect(messages(rejected, ip.variable)).toMatchInlineSnapshot(`
{
  "": "Unable to parse \`\` as a valid AWSIPAddress: the value is empty; expected an IPv4 address such as 192.0.2.1 or an IPv6 address such as 2001:db8::1, optionally with a CIDR suffix such as /24.",
  " 192.0.2.1": "Unable to parse \` 192.0.2.1\` as a valid AWSIPAddress: it is neither an IPv4 nor an IPv6 address; expected an IPv4 address such as 192.0.2.1 or an IPv6 address such as 2001:db8::1, optionally with a CIDR suffix such as /24.",
  "01.2.3.4": "Unable to parse \`01.2.3.4\` as a valid AWSIPAddress: it is neither an IPv4 nor an IPv6 address; expected an IPv4 address such as 192.0.2.1 or an IPv6 address such as 2001:db8::1, optionally with a CIDR suffix such as /24.",
  "1.2.3": "Unable to parse \`1.2.3\` as a valid AWSIPAddress: it is neither an IPv4 nor an IPv6 address; expected an IPv4 address such as 192.0.2.1 or an IPv6 address such as 2001:db8::1, optionally with a CIDR suffix such as /24.",
  "1.2.3.4.5": "Unable to parse \`1.2.3.4.5\` as a valid AWSIPAddress: it is neither an IPv4 nor an IPv6 address; expected an IPv4 address such as 192.0.2.1 or an IPv6 address such as 2001:db8::1, optionally with a CIDR suffix such as /24.",
  "192.0.2.0/": "Unable to parse \`192.0.2.0/\` as a valid AWSIPAddress: the CIDR prefix length of an IPv4 address is 0 to 32; expected an IPv4 address such as 192.0.2.1 or an IPv6 address such as 2001:db8::1, optionally with a CIDR suffix such as /24.",
  "192.0.2.0/-1": "Unable to parse \`192.0.2.0/-1\` as a valid AWSIPAddress: the CIDR prefix length of an IPv4 address is 0 to 32; expected an IPv4 address such as 192.0.2.1 or an IPv6 address such as 2001:db8::1, optionally with a CIDR suffix such as /24.",
  "192.0.2.0/024": "Unable to parse \`192.0.2.0/024\` as a valid AWSIPAddress: the CIDR prefix length of an IPv4 address is 0 to 32; expected an IPv4 address such as 192.0.2.1 or an IPv6 address such as 2001:db8::1, optionally with a CIDR suffix such as /24.",
  "192.0.2.0/24/8": "Unable to parse \`192.0.2.0/24/8\` as a valid AWSIPAddress: the CIDR prefix length of an IPv4 address is 0 to 32; expected an IPv4 address such as 192.0.2.1 or an IPv6 address such as 2001:db8::1, optionally with a CIDR suffix such as /24.",
  "192.0.2.0/33": "Unable to parse \`192.0.2.0/33\` as a valid AWSIPAddress: the CIDR prefix length of an IPv4 address is 0 to 32; expected an IPv4 address such as 192.0.2.1 or an IPv6 address such as 2001:db8::1, optionally with a CIDR suffix such as /24.",
  "1:2:3:4:5:6:7:8:9": "Unable to parse \`1:2:3:4:5:6:7:8:9\` as a valid AWSIPAddress: it is neither an IPv4 nor an IPv6 address; expected an IPv4 address such as 192.0.2.1 or an IPv6 address such as 2001:db8::1, optionally with a CIDR suffix such as /24.",
  "1::2::3": "Unable to parse \`1::2::3\` as a valid AWSIPAddress: it is neither an IPv4 nor an IPv6 address; expected an IPv4 address such as 192.0.2.1 or an IPv6 address such as 2001:db8::1, optionally with a CIDR suffix such as /24.",
  "2001:db8::/129": "Unable to parse \`2001:db8::/129\` as a valid AWSIPAddress: the CIDR prefix length of an IPv6 address is 0 to 128; expected an IPv4 address such as 192.0.2.1 or an IPv6 address such as 2001:db8::1, optionally with a CIDR suffix such as /24.",
  "256.1.1.1": "Unable to parse \`256.1.1.1\` as a valid AWSIPAddress: it is neither an IPv4 nor an IPv6 address; expected an IPv4 address such as 192.0.2.1 or an IPv6 address such as 2001:db8::1, optionally with a CIDR suffix such as /24.",
  "[::1]": "Unable to parse \`[::1]\` as a valid AWSIPAddress: it is neither an IPv4 nor an IPv6 address; expected an IPv4 address such as 192.0.2.1 or an IPv6 address such as 2001:db8::1, optionally with a CIDR suffix such as /24.",
  "fe80::1%eth0": "Unable to parse \`fe80::1%eth0\` as a valid AWSIPAddress: it is neither an IPv4 nor an IPv6 address; expected an IPv4 address such as 192.0.2.1 or an IPv6 address such as 2001:db8::1, optionally with a CIDR suffix such as /24.",
  "localhost": "Unable to parse \`localhost\` as a valid AWSIPAddress: it is neither an IPv4 nor an IPv6 address; expected an IPv4 address such as 192.0.2.1 or an IPv6 address such as 2001:db8::1, optionally with a CIDR suffix such as /24.",
}
`);
  });
});
