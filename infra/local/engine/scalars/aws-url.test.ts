import { AWSURL } from './aws-url';
import { AppSyncScalarError } from './errors';
import { driver, messages, quoted } from './test-support';

const url = driver(AWSURL);

describe('AWSURL', () => {
  const accepted = [
    // The AWS scalar reference's examples.
    'https://www.amazon.com/dp/B000NZW3KC/',
    'mailto:example@example.com',
    // "may also be a local URL" (AppSync's scalar description).
    'http://localhost/',
    'http://localhost:4000/graphql',
    'https://example.com',
    'https://user:secret@example.com:8443/a/b?c=d&e=f#g',
    // Double slashes outside the path.
    'https://example.com/login?next=https://example.com/home',
    'https://example.com/#//fragment',
    'ftp://192.0.2.1/file.txt',
    'http://[2001:db8::1]:8080/',
    'file:///etc/hosts',
    'urn:isbn:0451450523',
    'tel:+1-206-555-0100',
    's3://bucket/key/with%20space',
    'custom+scheme.v1://host/path',
    'https://example.com./',
  ];

  it.each(accepted)('takes %s as a variable, a literal and a result, unchanged', (text) => {
    expect(url.variable(text)).toBe(text);
    expect(url.literal(quoted(text))).toBe(text);
    expect(url.result(text)).toBe(text);
  });

  const rejected = [
    // "URLs without schemes like amazon.com or www.amazon.com are considered invalid."
    'amazon.com',
    'www.amazon.com',
    '//example.com/path',
    // "URLs which contain double slashes (two consecutive forward slashes) in their path".
    'https://example.com//path',
    'https://example.com/a//b',
    'https://example.com/a b',
    'https://exa mple.com/',
    'https://example.com/ü',
    'https://example.com/%zz',
    'https://example.com/<tag>',
    'https:',
    'https://',
    'https:///path',
    'http://example.com:99999/',
    'http://256.1.1.1/',
    'http://[not-ipv6]/',
    'http://under_score.com/',
    '1http://example.com/',
    '',
  ];

  it.each(rejected)('refuses %p in every direction', (text) => {
    expect(() => url.variable(text)).toThrow(AppSyncScalarError);
    expect(() => url.literal(quoted(text))).toThrow(AppSyncScalarError);
    expect(() => url.result(text)).toThrow(AppSyncScalarError);
  });

  it('says what was received, why it fails and what is expected', () => {
    expect(messages(rejected, url.variable)).toMatchInlineSnapshot(`
{
  "": "Unable to parse \`\` as a valid AWSURL: the value is empty; expected an absolute URL with a scheme, such as https://example.com/path or mailto:someone@example.com, without // in its path.",
  "//example.com/path": "Unable to parse \`//example.com/path\` as a valid AWSURL: the scheme (https:, mailto:, ...) is missing; expected an absolute URL with a scheme, such as https://example.com/path or mailto:someone@example.com, without // in its path.",
  "1http://example.com/": "Unable to parse \`1http://example.com/\` as a valid AWSURL: the scheme (https:, mailto:, ...) is missing; expected an absolute URL with a scheme, such as https://example.com/path or mailto:someone@example.com, without // in its path.",
  "amazon.com": "Unable to parse \`amazon.com\` as a valid AWSURL: the scheme (https:, mailto:, ...) is missing; expected an absolute URL with a scheme, such as https://example.com/path or mailto:someone@example.com, without // in its path.",
  "http://256.1.1.1/": "Unable to parse \`http://256.1.1.1/\` as a valid AWSURL: 256.1.1.1 is not an IPv4 address; expected an absolute URL with a scheme, such as https://example.com/path or mailto:someone@example.com, without // in its path.",
  "http://[not-ipv6]/": "Unable to parse \`http://[not-ipv6]/\` as a valid AWSURL: [not-ipv6] is not an IPv6 host; expected an absolute URL with a scheme, such as https://example.com/path or mailto:someone@example.com, without // in its path.",
  "http://example.com:99999/": "Unable to parse \`http://example.com:99999/\` as a valid AWSURL: port 99999 is beyond 65535; expected an absolute URL with a scheme, such as https://example.com/path or mailto:someone@example.com, without // in its path.",
  "http://under_score.com/": "Unable to parse \`http://under_score.com/\` as a valid AWSURL: under_score.com is not a host name; expected an absolute URL with a scheme, such as https://example.com/path or mailto:someone@example.com, without // in its path.",
  "https:": "Unable to parse \`https:\` as a valid AWSURL: nothing follows the scheme; expected an absolute URL with a scheme, such as https://example.com/path or mailto:someone@example.com, without // in its path.",
  "https://": "Unable to parse \`https://\` as a valid AWSURL: the host is missing; expected an absolute URL with a scheme, such as https://example.com/path or mailto:someone@example.com, without // in its path.",
  "https:///path": "Unable to parse \`https:///path\` as a valid AWSURL: the host is missing; expected an absolute URL with a scheme, such as https://example.com/path or mailto:someone@example.com, without // in its path.",
  "https://exa mple.com/": "Unable to parse \`https://exa mple.com/\` as a valid AWSURL: it contains characters a URL cannot hold unescaped (spaces, quotes, <>, non-ASCII, ...); expected an absolute URL with a scheme, such as https://example.com/path or mailto:someone@example.com, without // in its path.",
  "https://example.com/%zz": "Unable to parse \`https://example.com/%zz\` as a valid AWSURL: a % is not followed by two hex digits; expected an absolute URL with a scheme, such as https://example.com/path or mailto:someone@example.com, without // in its path.",
  "https://example.com//path": "Unable to parse \`https://example.com//path\` as a valid AWSURL: the path contains //; expected an absolute URL with a scheme, such as https://example.com/path or mailto:someone@example.com, without // in its path.",
  "https://example.com/<tag>": "Unable to parse \`https://example.com/<tag>\` as a valid AWSURL: it contains characters a URL cannot hold unescaped (spaces, quotes, <>, non-ASCII, ...); expected an absolute URL with a scheme, such as https://example.com/path or mailto:someone@example.com, without // in its path.",
  "https://example.com/a b": "Unable to parse \`https://example.com/a b\` as a valid AWSURL: it contains characters a URL cannot hold unescaped (spaces, quotes, <>, non-ASCII, ...); expected an absolute URL with a scheme, such as https://example.com/path or mailto:someone@example.com, without // in its path.",
  "https://example.com/a//b": "Unable to parse \`https://example.com/a//b\` as a valid AWSURL: the path contains //; expected an absolute URL with a scheme, such as https://example.com/path or mailto:someone@example.com, without // in its path.",
  "https://example.com/ü": "Unable to parse \`https://example.com/ü\` as a valid AWSURL: it contains characters a URL cannot hold unescaped (spaces, quotes, <>, non-ASCII, ...); expected an absolute URL with a scheme, such as https://example.com/path or mailto:someone@example.com, without // in its path.",
  "www.amazon.com": "Unable to parse \`www.amazon.com\` as a valid AWSURL: the scheme (https:, mailto:, ...) is missing; expected an absolute URL with a scheme, such as https://example.com/path or mailto:someone@example.com, without // in its path.",
}
`);
  });
});
