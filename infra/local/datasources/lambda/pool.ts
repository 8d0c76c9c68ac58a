function closedError(): Error {
  return new Error('The execution environments were closed before the invocation could start.');
}

/** What the pool needs of an execution environment. */
export interface PooledEnvironment {
  readonly usable: boolean;
  terminate(): Promise<void>;
}

/**
 * A function's execution environments, as Lambda keeps them: at most `size` at once, each running
 * one invocation at a time and reused warm; a new one starts (cold) only when every live one is
 * busy and there is room, otherwise the invocation waits its turn. An environment that is no
 * longer usable (timed out, crashed) is dropped and its place freed.
 */
export class ExecutionPool<Environment extends PooledEnvironment> {
  private readonly idle: Environment[] = [];
  private readonly live = new Set<Environment>();
  private readonly waiting: {
    readonly resolve: (environment: Environment) => void;
    readonly reject: (error: Error) => void;
  }[] = [];
  private closed = false;

  constructor(
    private readonly size: number,
    private readonly start: () => Environment,
  ) {
    if (!Number.isInteger(size) || size < 1) {
      throw new RangeError(`A pool needs at least one execution environment; received ${size}.`);
    }
  }

  /** Runs `work` in an environment of its own, then returns the environment to the pool. */
  async run<T>(work: (environment: Environment) => Promise<T>): Promise<T> {
    const environment = await this.acquire();
    try {
      return await work(environment);
    } finally {
      this.release(environment);
    }
  }

  /** Stops every environment; work still waiting for one is refused. */
  async close(): Promise<void> {
    this.closed = true;
    for (const waiter of this.waiting.splice(0)) {
      waiter.reject(closedError());
    }
    const environments = [...this.live];
    this.live.clear();
    this.idle.length = 0;
    await Promise.all(environments.map((environment) => environment.terminate()));
  }

  private acquire(): Promise<Environment> {
    if (this.closed) {
      return Promise.reject(closedError());
    }
    let environment = this.idle.pop();
    while (environment && !environment.usable) {
      this.live.delete(environment);
      environment = this.idle.pop();
    }
    if (environment) {
      return Promise.resolve(environment);
    }
    if (this.live.size < this.size) {
      return Promise.resolve(this.started());
    }
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  private release(environment: Environment): void {
    if (this.closed) {
      return;
    }
    if (!environment.usable) {
      this.live.delete(environment);
      void environment.terminate();
      const next = this.waiting.shift();
      next?.resolve(this.started());
      return;
    }
    const next = this.waiting.shift();
    if (next) {
      next.resolve(environment);
    } else {
      this.idle.push(environment);
    }
  }

  private started(): Environment {
    const environment = this.start();
    this.live.add(environment);
    return environment;
  }
}
