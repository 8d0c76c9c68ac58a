// Globals APPSYNC_JS provides beyond ECMAScript and @aws-appsync/utils (supported-features page):
// console.log and console.error only.
// eslint-disable-next-line no-var -- a global must be declared with var
declare var console: {
  log(...data: unknown[]): void;
  error(...data: unknown[]): void;
};
