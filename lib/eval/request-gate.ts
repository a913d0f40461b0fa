/**
 * A counting semaphore whose limit can change while it is in use: the requests one worker has in
 * flight to one endpoint. Raising the limit lets waiters in at once; lowering it lets in-flight
 * requests finish and admits nobody new until the count is under the new limit.
 */
export class RequestGate {
  #limit: number;
  #active = 0;
  #waiting: (() => void)[] = [];

  constructor(limit: number) {
    this.#limit = Math.max(1, limit);
  }

  get limit(): number {
    return this.#limit;
  }

  get active(): number {
    return this.#active;
  }

  setLimit(limit: number): void {
    this.#limit = Math.max(1, limit);
    this.#admit();
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.#active >= this.#limit || this.#waiting.length) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    else this.#active++;
    try {
      return await work();
    } finally {
      this.#active--;
      this.#admit();
    }
  }

  #admit(): void {
    while (this.#active < this.#limit && this.#waiting.length) {
      this.#active++;
      this.#waiting.shift()!();
    }
  }
}
