import { defineStringScalar } from './define';
import { checkDate } from './temporal';

/** AppSync's `AWSDate`: an ISO 8601 calendar date, zone offset optional [runtime §11.3]. */
export const AWSDate = defineStringScalar({
  name: 'AWSDate',
  description:
    'An ISO 8601 date, YYYY-MM-DD, optionally with a zone offset (Z, ±hh:mm or ±hh:mm:ss). AppSync scalar.',
  expected:
    'an ISO 8601 date YYYY-MM-DD, optionally followed by a zone offset Z, ±hh:mm or ±hh:mm:ss',
  check: checkDate,
});
