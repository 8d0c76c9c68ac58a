import { AWSEmail } from './aws-email';
import { AppSyncScalarError } from './errors';
import { driver, messages, quoted } from './test-support';

const email = driver(AWSEmail);

describe('AWSEmail', () => {
  const accepted = [
    // The example of AppSync's scalar description.
    'username@example.com',
    'first.last@example.co.uk',
    'user+tag@example.com',
    "o'brien@example.ie",
    'x@example',
    'root@localhost',
    'UPPER@EXAMPLE.COM',
    '"quoted local"@example.com',
    '"with \\"escape\\""@example.com',
    'user@[192.0.2.1]',
    'user@sub-domain.example-host.com',
    "!#$%&'*+/=?^_`{|}~-@example.com",
  ];

  it.each(accepted)('takes %s as a variable, a literal and a result, unchanged', (text) => {
    expect(email.variable(text)).toBe(text);
    expect(email.literal(quoted(text))).toBe(text);
    expect(email.result(text)).toBe(text);
  });

  const rejected = [
    'username',
    'username@',
    '@example.com',
    'user@@example.com',
    'first..last@example.com',
    '.user@example.com',
    'user.@example.com',
    'user name@example.com',
    'user@exa mple.com',
    'user@-example.com',
    'user@example-.com',
    'user@example..com',
    'user@example.com.',
    'user@exam_ple.com',
    'ü@example.com',
    'user@exämple.com',
    ' user@example.com',
    '',
  ];

  it.each(rejected)('refuses %p in every direction', (text) => {
    expect(() => email.variable(text)).toThrow(AppSyncScalarError);
    expect(() => email.literal(quoted(text))).toThrow(AppSyncScalarError);
    expect(() => email.result(text)).toThrow(AppSyncScalarError);
  });

  it('says what was received and what is expected', () => {
    expect(messages(['username', 'user@example..com', 'ü@example.com', 42], email.variable))
      .toMatchInlineSnapshot(`
{
  "42": "Unable to parse 42 as a valid AWSEmail: the value is not a string; expected an email address local-part@domain (RFC 822), such as someone@example.com.",
  "user@example..com": "Unable to parse \`user@example..com\` as a valid AWSEmail: expected an email address local-part@domain (RFC 822), such as someone@example.com.",
  "username": "Unable to parse \`username\` as a valid AWSEmail: there is no @; expected an email address local-part@domain (RFC 822), such as someone@example.com.",
  "ü@example.com": "Unable to parse \`ü@example.com\` as a valid AWSEmail: only printable ASCII characters are allowed; expected an email address local-part@domain (RFC 822), such as someone@example.com.",
}
`);
  });
});
