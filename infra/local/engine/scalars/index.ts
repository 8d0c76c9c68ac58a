import type { GraphQLScalarType } from 'graphql';
import { AWSDate } from './aws-date';
import { AWSDateTime } from './aws-date-time';
import { AWSEmail } from './aws-email';
import { AWSIPAddress } from './aws-ip-address';
import { AWSJSON } from './aws-json';
import { AWSPhone } from './aws-phone';
import { AWSTime } from './aws-time';
import { AWSTimestamp } from './aws-timestamp';
import { AWSURL } from './aws-url';

export { AppSyncScalarError, findScalarError, type ScalarDirection } from './errors';

/** AppSync's own scalars by name, with the validation AppSync applies both ways. */
export const appSyncScalars: Readonly<Record<string, GraphQLScalarType>> = {
  AWSDate,
  AWSTime,
  AWSDateTime,
  AWSTimestamp,
  AWSEmail,
  AWSJSON,
  AWSURL,
  AWSPhone,
  AWSIPAddress,
};
