import type { Util } from '@aws-appsync/utils';
import type { RealmDeps } from '../deps';
import type { RecordedError } from '../invocation';
import { errorSignal, SIGNAL, type Signal } from '../signals';
import { requireString } from '../checks';
import {
  base64FromBytes,
  base64ToBytes,
  escapeJavaScript,
  formUrlDecode,
  formUrlEncode,
  utf8Decode,
  utf8Encode,
} from './encoding';
import { bytesFromHex, ksuid, ulid, uuidV4 } from './ids';
import { javaFullMatch } from './java-regex';

/** The top-level functions of `util`; the nested families (time, dynamodb, …) come from their own modules. */
export type CoreUtils = Omit<
  Util,
  'time' | 'dynamodb' | 'rds' | 'http' | 'xml' | 'transform' | 'math' | 'str'
>;

export function createCoreUtils({ host, scope }: RealmDeps): CoreUtils {
  const randomBytes = (count: number): number[] => bytesFromHex(host.randomHex(count), count);

  return {
    escapeJavaScript(value) {
      return escapeJavaScript(requireString('util.escapeJavaScript', 'the value', value));
    },
    urlEncode(value) {
      return formUrlEncode(requireString('util.urlEncode', 'the value', value));
    },
    urlDecode(value) {
      const decoded = formUrlDecode(requireString('util.urlDecode', 'the value', value));
      if ('problem' in decoded) {
        throw new Error(
          `util.urlDecode: ${JSON.stringify(value)} is not form-URL-encoded: ${decoded.problem}.`,
        );
      }
      return decoded.text;
    },
    base64Encode(value) {
      return base64FromBytes(utf8Encode(requireString('util.base64Encode', 'the value', value)));
    },
    base64Decode(value) {
      const decoded = base64ToBytes(requireString('util.base64Decode', 'the value', value));
      if ('problem' in decoded) {
        throw new Error(
          `util.base64Decode: ${JSON.stringify(value)} is not valid base64: ${decoded.problem}.`,
        );
      }
      return utf8Decode(decoded.bytes);
    },
    autoId() {
      return uuidV4(randomBytes(16));
    },
    autoUlid() {
      return ulid(host.nowMs(), randomBytes(10));
    },
    autoKsuid() {
      return ksuid(host.nowMs(), randomBytes(16));
    },
    unauthorized(): never {
      const signal: Signal = { [SIGNAL]: 'unauthorized' };
      throw signal;
    },
    error(message, errorType?, data?, errorInfo?): never {
      throw errorSignal(message, errorType, data, errorInfo);
    },
    appendError(message, errorType?, data?, errorInfo?) {
      const signal = errorSignal(message, errorType, data, errorInfo);
      if (signal[SIGNAL] !== 'error') return;
      const entry: RecordedError = {
        message: signal.message,
        errorType: signal.errorType,
        data: signal.data,
        errorInfo: signal.errorInfo,
      };
      scope.current.errors.push(entry);
    },
    matches(pattern, value) {
      const source = requireString('util.matches', 'the pattern (first argument)', pattern);
      const input = requireString('util.matches', 'the value (second argument)', value);
      try {
        return javaFullMatch(source, input);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        const wrapped = new (error instanceof SyntaxError ? SyntaxError : Error)(
          `util.matches: ${JSON.stringify(source)} is not a usable java.util.regex.Pattern: ${reason}`,
        );
        throw wrapped;
      }
    },
    authType() {
      return scope.info.authType;
    },
  };
}
