import type { StringUtils } from '@aws-appsync/utils/lib/string-utils';
import type { RealmDeps } from '../deps';
import { argumentError, requireString } from '../checks';

const FORMS: Readonly<Record<string, 'NFC' | 'NFD' | 'NFKC' | 'NFKD'>> = {
  nfc: 'NFC',
  nfd: 'NFD',
  nfkc: 'NFKC',
  nfkd: 'NFKD',
};

/** util.str: Unicode normalization by the lower-case form names AppSync documents. */
export function createStringUtils(_deps: RealmDeps): StringUtils {
  return {
    normalize(value, normalizationType) {
      const text = requireString('util.str.normalize', 'the value (first argument)', value);
      // The d.ts spells the forms in lower case; upper case is accepted too, as Java's Form.valueOf would be.
      const form =
        typeof normalizationType === 'string' ? FORMS[normalizationType.toLowerCase()] : undefined;
      if (form === undefined) {
        throw argumentError(
          'util.str.normalize',
          'the normalization type (second argument) to be one of "nfc", "nfd", "nfkc", "nfkd"',
          normalizationType,
        );
      }
      return text.normalize(form);
    },
  };
}
