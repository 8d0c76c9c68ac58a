import { defineStringScalar } from './define';

/*
 * An RFC 822 addr-spec, `local-part@domain`, in ASCII:
 * - local part: dot-separated atoms of letters, digits and !#$%&'*+/=?^_`{|}~- (no leading,
 *   trailing or doubled dot), or a quoted string;
 * - domain: dot-separated labels of letters, digits and inner hyphens, or a [domain literal].
 * No top-level domain is required (RFC 822 has none), and no length limits apply.
 */
const ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
const QUOTED = '"(?:[^"\\\\\\r\\n]|\\\\[\\x00-\\x7F])*"';
const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?';
const DOMAIN_LITERAL = '\\[[\\x21-\\x5A\\x5E-\\x7E]*\\]';
const EMAIL = new RegExp(
  `^(?:${ATOM}(?:\\.${ATOM})*|${QUOTED})@(?:${LABEL}(?:\\.${LABEL})*|${DOMAIN_LITERAL})$`,
);
const ASCII = /^[\x20-\x7E]*$/;

function checkEmail(text: string): string | undefined {
  if (!ASCII.test(text)) {
    return 'only printable ASCII characters are allowed';
  }
  if (!text.includes('@')) {
    return 'there is no @';
  }
  return EMAIL.test(text) ? undefined : '';
}

/** AppSync's `AWSEmail`: an RFC 822 address, `local-part@domain-part` [runtime §11.3]. */
export const AWSEmail = defineStringScalar({
  name: 'AWSEmail',
  description: 'An email address, local-part@domain-part (RFC 822). AppSync scalar.',
  expected: 'an email address local-part@domain (RFC 822), such as someone@example.com',
  check: checkEmail,
});
