import type { QueueType } from '../../generated/graphql';
import { QueueLimits } from './limits';
import { problem, type Problem } from './problems';

const NAME_CHARACTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_';

const STANDARD_RULE = `1 to ${QueueLimits.nameMaxLength} letters, digits, '-' or '_'`;
const FIFO_RULE = `1 to ${QueueLimits.nameMaxLength - QueueLimits.fifoSuffix.length} letters, digits, '-' or '_' followed by '${QueueLimits.fifoSuffix}'`;

function isBaseName(base: string, maxLength: number): boolean {
  return (
    base.length >= 1 &&
    base.length <= maxLength &&
    base.split('').every((character) => NAME_CHARACTERS.indexOf(character) >= 0)
  );
}

/** The type a name implies: names ending in `.fifo` belong to FIFO queues. */
export function typeOfName(name: string): QueueType {
  return name.endsWith(QueueLimits.fifoSuffix) ? 'FIFO' : 'STANDARD';
}

function isValidName(name: string, type: QueueType): boolean {
  if (type === 'FIFO') {
    return (
      name.endsWith(QueueLimits.fifoSuffix) &&
      isBaseName(
        name.slice(0, name.length - QueueLimits.fifoSuffix.length),
        QueueLimits.nameMaxLength - QueueLimits.fifoSuffix.length,
      )
    );
  }
  return isBaseName(name, QueueLimits.nameMaxLength);
}

/**
 * Checks a queue name. With a type (creating a queue) the name must fit that type; without one
 * (looking a queue up) it must be a valid name of either type.
 */
export function checkQueueName(field: string, name: string, type?: QueueType): Problem | null {
  const expectedType = type ?? typeOfName(name);
  if (isValidName(name, expectedType)) {
    return null;
  }
  if (type === 'STANDARD' && typeOfName(name) === 'FIFO' && isValidName(name, 'FIFO')) {
    return problem(
      field,
      name,
      `a name without '${QueueLimits.fifoSuffix}' (${QueueLimits.fifoSuffix} is reserved for FIFO queues; set type: FIFO)`,
    );
  }
  return problem(
    field,
    name,
    expectedType === 'FIFO' ? FIFO_RULE : `${STANDARD_RULE} (or, for a FIFO queue, ${FIFO_RULE})`,
  );
}
