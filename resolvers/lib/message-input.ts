import type { JsonValue } from '../../generated/graphql';
import { QueueLimits } from './limits';
import { checkRange, ErrorType, firstProblem, problem, type Problem } from './problems';
import type { QueueSettings } from './queue-settings';

/** What one send carries: sendMessage's input or one entry of a batch, without the queue. */
export interface SendEntry {
  readonly body: string;
  readonly attributes?: JsonValue | null | undefined;
  readonly groupId?: string | null | undefined;
  readonly deduplicationId?: string | null | undefined;
  readonly delaySeconds?: number | null | undefined;
}

export const MessageLimits = {
  /** Group and deduplication ids: 1..128 printable ASCII characters, as SQS allows. */
  idMaxLength: 128,
  attributesMax: 10,
  attributeNameMaxLength: 256,
  batchMax: 10,
  receiveMax: 10,
  waitTimeSeconds: { min: 0, max: 20 },
} as const;

const ID_RULE = `1 to ${MessageLimits.idMaxLength} printable ASCII characters (no spaces)`;

/**
 * UTF-8 length without TextEncoder or charCodeAt (APPSYNC_JS has neither): one-unit strings
 * compare by their UTF-16 code unit, and each half of a surrogate pair counts 2 of its 4 bytes.
 */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (const unit of text.split('')) {
    const surrogate = unit >= '\ud800' && unit <= '\udfff';
    bytes += unit < '\u0080' ? 1 : unit < '\u0800' || surrogate ? 2 : 3;
  }
  return bytes;
}

function isPrintableId(value: string): boolean {
  return (
    value.length >= 1 &&
    value.length <= MessageLimits.idMaxLength &&
    value.split('').every((unit) => unit >= '!' && unit <= '~')
  );
}

function present<T>(value: T | null | undefined): value is T {
  return value !== null && value !== undefined;
}

function checkId(field: string, value: string | null | undefined): Problem | null {
  return present(value) && !isPrintableId(value) ? problem(field, value, ID_RULE) : null;
}

function checkAttributes(field: string, attributes: JsonValue | null | undefined): Problem | null {
  if (!present(attributes)) {
    return null;
  }
  const allowed = `a JSON object of at most ${MessageLimits.attributesMax} string, number or boolean values`;
  if (typeof attributes !== 'object' || Array.isArray(attributes)) {
    return problem(field, attributes, allowed);
  }
  const names = Object.keys(attributes);
  if (names.length > MessageLimits.attributesMax) {
    return problem(field, `${names.length} attributes`, allowed);
  }
  const badName = names.find(
    (name) => name.length < 1 || name.length > MessageLimits.attributeNameMaxLength,
  );
  if (badName !== undefined) {
    return problem(
      `${field}.${badName}`,
      badName,
      `an attribute name of 1 to ${MessageLimits.attributeNameMaxLength} characters`,
    );
  }
  const badValue = names.find((name) => {
    const value = attributes[name];
    return typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean';
  });
  return badValue === undefined
    ? null
    : problem(`${field}.${badValue}`, attributes[badValue], 'a string, number or boolean');
}

/** The attributes' JSON text as stored, or undefined when there are none. */
export function attributesText(attributes: JsonValue | null | undefined): string | undefined {
  return present(attributes) ? JSON.stringify(attributes) : undefined;
}

function checkSize(prefix: string, entry: SendEntry, queue: QueueSettings): Problem | null {
  const text = attributesText(entry.attributes);
  const size = utf8Length(entry.body) + (text === undefined ? 0 : utf8Length(text));
  return size > queue.maxMessageBytes
    ? problem(
        `${prefix}.body`,
        `${size} bytes of body and attributes`,
        `at most ${queue.maxMessageBytes} bytes, the maxMessageBytes of queue ${queue.name}`,
        ErrorType.MessageTooLarge,
      )
    : null;
}

function checkForType(prefix: string, entry: SendEntry, queue: QueueSettings): Problem | null {
  if (queue.type === 'FIFO') {
    if (!present(entry.groupId)) {
      return problem(
        `${prefix}.groupId`,
        entry.groupId,
        `a message group id (${ID_RULE}): queue ${queue.name} is FIFO`,
      );
    }
    if (present(entry.delaySeconds)) {
      return problem(
        `${prefix}.delaySeconds`,
        entry.delaySeconds,
        `no value: FIFO queue ${queue.name} delays every message by its delaySeconds (${queue.delaySeconds})`,
      );
    }
    if (!present(entry.deduplicationId) && !queue.contentBasedDeduplication) {
      return problem(
        `${prefix}.deduplicationId`,
        entry.deduplicationId,
        `a deduplication id (${ID_RULE}): queue ${queue.name} has no content-based deduplication`,
      );
    }
    return null;
  }
  if (present(entry.deduplicationId)) {
    return problem(
      `${prefix}.deduplicationId`,
      entry.deduplicationId,
      `no value: queue ${queue.name} is STANDARD and deduplicates nothing`,
    );
  }
  return null;
}

/**
 * Checks one send against its queue: the first problem names the field (`input.body`,
 * `input.entries[2].groupId`), what was received and what is allowed.
 */
export function checkSendEntry(
  prefix: string,
  entry: SendEntry,
  queue: QueueSettings,
): Problem | null {
  return firstProblem([
    entry.body.length === 0 ? problem(`${prefix}.body`, entry.body, 'at least 1 character') : null,
    checkAttributes(`${prefix}.attributes`, entry.attributes),
    checkId(`${prefix}.groupId`, entry.groupId),
    checkId(`${prefix}.deduplicationId`, entry.deduplicationId),
    checkRange(
      `${prefix}.delaySeconds`,
      entry.delaySeconds,
      QueueLimits.delaySeconds.min,
      QueueLimits.delaySeconds.max,
    ),
    checkForType(prefix, entry, queue),
    checkSize(prefix, entry, queue),
  ]);
}

/** When a message sent now becomes receivable: its own delay, else the queue's. */
export function readyAtFor(entry: SendEntry, queue: QueueSettings, nowMs: number): number {
  return nowMs + (entry.delaySeconds ?? queue.delaySeconds) * 1000;
}
