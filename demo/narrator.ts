/** Prints the story: one line per step, stamped with the time since the start (`+0.8s`). */
import { performance } from 'node:perf_hooks';

/** Milliseconds since the story began. */
export type Clock = () => number;

export function startClock(): Clock {
  const startedAt = performance.now();
  return () => performance.now() - startedAt;
}

interface Style {
  readonly dim: (text: string) => string;
  readonly bold: (text: string) => string;
}

const PLAIN: Style = { dim: (text) => text, bold: (text) => text };
const ANSI: Style = {
  dim: (text) => `\u001b[2m${text}\u001b[22m`,
  bold: (text) => `\u001b[1m${text}\u001b[22m`,
};

/** Colours only for a terminal, and never with NO_COLOR set (https://no-color.org). */
function styleFor(out: NodeJS.WriteStream): Style {
  return out.isTTY && !process.env['NO_COLOR'] ? ANSI : PLAIN;
}

export class Narrator {
  private readonly style: Style;
  /** Concurrent events are told in story order, a few ms apart: stamps never go backwards. */
  private lastAt = 0;

  constructor(
    private readonly clock: Clock,
    private readonly out: NodeJS.WriteStream = process.stdout,
  ) {
    this.style = styleFor(out);
  }

  /** A step, stamped with when it happened (default: now). */
  say(line: string, at: number = this.clock()): void {
    this.lastAt = Math.max(this.lastAt, at);
    const stamp = `+${(this.lastAt / 1000).toFixed(1)}s`.padStart(6);
    this.out.write(`${this.style.dim(stamp)}  ${line}\n`);
  }

  /** A remark on the step just told, indented under it. */
  aside(line: string): void {
    this.out.write(`        ${this.style.dim(`↳ ${line}`)}\n`);
  }

  heading(text: string): void {
    this.out.write(`\n${this.style.bold(text)}\n`);
  }
}
