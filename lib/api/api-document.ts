import { buildOpenApi, type ApiRouteFile } from "./openapi";
import packageJson from "@/package.json";

let cached: ReturnType<typeof buildOpenApi> | null = null;

/** The document, built once per process (the specs do not change while it runs). */
export function apiDocument(routes: readonly ApiRouteFile[]) {
  cached ??= buildOpenApi(routes, { version: packageJson.version });
  return cached;
}
