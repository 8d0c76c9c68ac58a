import { isIPv4, isIPv6 } from 'node:net';
import { defineStringScalar } from './define';

/*
 * An absolute URL (RFC 1738 / RFC 3986) as AppSync's docs describe it: any scheme, local hosts
 * allowed (http://localhost/), a scheme required (example.com is refused), no `//` in the path
 * (it may appear in the query or fragment). Checks:
 * - scheme `[A-Za-z][A-Za-z0-9+.-]*` then `:` and something after it;
 * - only URL characters: no spaces, controls, non-ASCII, `<>"{}|\^` or backquote; `%` starts
 *   two hex digits;
 * - `//authority`: [userinfo@]host[:port], host a DNS name, an IPv4 address or [IPv6]; port
 *   0-65535. Only file: may have an empty host (file:///etc/hosts).
 */
const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;
const URL_CHARACTERS = /^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]*$/;
const BAD_ESCAPE = /%(?![0-9A-Fa-f]{2})/;
const HOST_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;
const MAX_PORT = 65_535;

function checkHost(host: string): string | undefined {
  if (host.startsWith('[')) {
    return host.endsWith(']') && isIPv6(host.slice(1, -1))
      ? undefined
      : `${host} is not an IPv6 host`;
  }
  if (/^[\d.]+$/.test(host)) {
    return isIPv4(host) ? undefined : `${host} is not an IPv4 address`;
  }
  const labels = host.endsWith('.') ? host.slice(0, -1).split('.') : host.split('.');
  return labels.every((label) => HOST_LABEL.test(label)) ? undefined : `${host} is not a host name`;
}

function checkAuthority(scheme: string, authority: string): string | undefined {
  const hostPort = authority.slice(authority.lastIndexOf('@') + 1);
  const portMatch = /:(\d*)$/.exec(hostPort);
  const host = portMatch ? hostPort.slice(0, portMatch.index) : hostPort;
  const port = portMatch?.[1] ?? '';
  if (port !== '' && Number(port) > MAX_PORT) {
    return `port ${port} is beyond ${MAX_PORT}`;
  }
  if (host === '') {
    return scheme.toLowerCase() === 'file' ? undefined : 'the host is missing';
  }
  return checkHost(host);
}

function checkUrl(text: string): string | undefined {
  const scheme = SCHEME.exec(text)?.[1];
  if (scheme === undefined) {
    return 'the scheme (https:, mailto:, ...) is missing';
  }
  if (!URL_CHARACTERS.test(text)) {
    return 'it contains characters a URL cannot hold unescaped (spaces, quotes, <>, non-ASCII, ...)';
  }
  if (BAD_ESCAPE.test(text)) {
    return 'a % is not followed by two hex digits';
  }
  const rest = text.slice(scheme.length + 1);
  const hierarchical = rest.startsWith('//');
  const afterSlashes = hierarchical ? rest.slice(2) : rest;
  const authorityEnd = hierarchical ? afterSlashes.search(/[/?#]/) : 0;
  const authority = hierarchical
    ? afterSlashes.slice(0, authorityEnd < 0 ? undefined : authorityEnd)
    : '';
  const tail = hierarchical ? afterSlashes.slice(authority.length) : rest;
  const path = tail.split(/[?#]/)[0] ?? '';
  if (!hierarchical && tail === '') {
    return 'nothing follows the scheme';
  }
  if (path.includes('//')) {
    return 'the path contains //';
  }
  return hierarchical ? checkAuthority(scheme, authority) : undefined;
}

/** AppSync's `AWSURL` [runtime §11.3]. */
export const AWSURL = defineStringScalar({
  name: 'AWSURL',
  description:
    'A URL with a scheme, such as https://example.com/ or mailto:someone@example.com; no // in its path. AppSync scalar.',
  expected:
    'an absolute URL with a scheme, such as https://example.com/path or mailto:someone@example.com, without // in its path',
  check: checkUrl,
});
