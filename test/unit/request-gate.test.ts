// The per-endpoint request gate: never more than its limit in flight, first come first served,
// and a new limit applies to the requests already waiting.
import { describe, expect, it } from "vitest";
import { RequestGate } from "@/lib/eval/request-gate";

/** A request that finishes when told to. */
function pending() {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return { done, finish };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("RequestGate", () => {
  it("admits at most its limit, in arrival order, and follows a raised and a lowered limit", async () => {
    const gate = new RequestGate(2);
    const requests = Array.from({ length: 6 }, pending);
    const started: number[] = [];
    const runs = requests.map((r, i) =>
      gate.run(async () => {
        started.push(i);
        await r.done;
        return i;
      }),
    );
    await tick();
    expect(started).toEqual([0, 1]);
    expect(gate.active).toBe(2);

    gate.setLimit(4); // raised while two wait: both go at once
    await tick();
    expect(started).toEqual([0, 1, 2, 3]);

    gate.setLimit(1); // lowered: nobody new until fewer than one is in flight
    requests[0].finish();
    requests[1].finish();
    requests[2].finish();
    await tick();
    expect(started).toEqual([0, 1, 2, 3]);
    expect(gate.active).toBe(1);
    requests[3].finish();
    await tick();
    expect(started).toEqual([0, 1, 2, 3, 4]);
    requests[4].finish();
    requests[5].finish();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(gate.active).toBe(0);
  });

  it("frees its slot when a request fails", async () => {
    const gate = new RequestGate(1);
    await expect(gate.run(() => Promise.reject(new Error("503")))).rejects.toThrow("503");
    expect(gate.active).toBe(0);
    await expect(gate.run(async () => "next")).resolves.toBe("next");
  });
});
