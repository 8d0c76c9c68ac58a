import { defineStringScalar } from './define';
import { checkDateTime } from './temporal';

/**
 * AppSync's `AWSDateTime`: an ISO 8601 date and time whose zone offset is compulsory and written
 * with colons; `+0800` is refused [runtime §11.3, re:Post QUcyiqHLjXQk6s5zS0WWyR1w].
 */
export const AWSDateTime = defineStringScalar({
  name: 'AWSDateTime',
  description:
    'An ISO 8601 date and time, YYYY-MM-DDThh:mm[:ss[.sss]], with a compulsory zone offset (Z, ±hh:mm or ±hh:mm:ss). AppSync scalar.',
  expected:
    'an ISO 8601 date-time YYYY-MM-DDThh:mm[:ss[.fffffffff]] followed by a compulsory zone offset Z, ±hh:mm or ±hh:mm:ss',
  check: checkDateTime,
});
