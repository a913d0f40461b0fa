import type pg from "pg";

/** Hands out ids from a sequence, fetched in large blocks (one round trip per block). */
export class IdBlock {
  private ids: number[] = [];

  constructor(
    private readonly client: pg.ClientBase,
    private readonly sequence: string,
    private readonly blockSize = 50_000,
  ) {}

  async take(count: number): Promise<number[]> {
    while (this.ids.length < count) {
      const size = Math.max(this.blockSize, count - this.ids.length);
      const { rows } = await this.client.query<{ id: number }>(`SELECT nextval($1)::int AS id FROM generate_series(1, $2)`, [this.sequence, size]);
      // A loop, not push(...ids): spreading hundreds of thousands of arguments overflows the stack.
      for (const row of rows) this.ids.push(row.id);
    }
    return this.ids.splice(0, count);
  }
}
