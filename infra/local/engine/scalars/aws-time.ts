import { defineStringScalar } from './define';
import { checkTime } from './temporal';

/** AppSync's `AWSTime`: an ISO 8601 time of day, zone offset optional [runtime §11.3]. */
export const AWSTime = defineStringScalar({
  name: 'AWSTime',
  description:
    'An ISO 8601 time, hh:mm[:ss[.sss]], optionally with a zone offset (Z, ±hh:mm or ±hh:mm:ss). AppSync scalar.',
  expected:
    'an ISO 8601 time hh:mm[:ss[.fffffffff]] (1 to 9 fraction digits, only after seconds), optionally followed by a zone offset Z, ±hh:mm or ±hh:mm:ss',
  check: checkTime,
});
