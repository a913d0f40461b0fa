import { AsyncLocalStorage } from "node:async_hooks";
import type { Actor } from "./roles";

// The actor the guard authorized, for the rest of the request: use cases write it to the audit
// log without every signature carrying it. Outside a request (the CLI, the worker) there is none.
const store = new AsyncLocalStorage<Actor>();

export function withActor<T>(actor: Actor, work: () => Promise<T>): Promise<T> {
  return store.run(actor, work);
}

export function requestActor(): Actor | null {
  return store.getStore() ?? null;
}
