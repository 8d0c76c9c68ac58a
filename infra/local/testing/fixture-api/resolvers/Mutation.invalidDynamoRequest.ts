/** A request object DynamoDB's data source refuses before calling DynamoDB. */
export function request() {
  return { operation: 'GetThing', key: {} };
}

export function response() {
  return null;
}
