// Which environment variables an endpoint may name as its API key: the operator's list in
// EMLAB_KEY_VARS (comma-separated) plus any variable whose name starts with EMLAB_KEY_. Anything
// else (DATABASE_URL, HOME, ...) is never read, so it cannot be sent to an endpoint.

export const KEY_VAR_PREFIX = "EMLAB_KEY_";

export function allowedKeyVars(env: Record<string, string | undefined>): Set<string> {
  return new Set((env.EMLAB_KEY_VARS ?? "").split(",").map((v) => v.trim()).filter(Boolean));
}

export function keyVarAllowed(name: string, env: Record<string, string | undefined>): boolean {
  return (name.startsWith(KEY_VAR_PREFIX) && name.length > KEY_VAR_PREFIX.length) || allowedKeyVars(env).has(name);
}

export function keyVarRefusal(name: string): string {
  return `${name} is not an allowed key variable: name one that starts with ${KEY_VAR_PREFIX}, or add it to EMLAB_KEY_VARS in the workers' environment.`;
}
