import { isLoopbackHost } from "./loopback";

/** The address `npm start` binds when neither HOST nor --host says otherwise. */
export const DEFAULT_HOST = "127.0.0.1";

/** HOST from `--host NAME` / `--host=NAME` on the command line, else the HOST variable, else loopback. */
export function bindHostFrom(argv: string[], env: Record<string, string | undefined>): string {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--host" && argv[i + 1]) return argv[i + 1];
    if (argv[i].startsWith("--host=")) return argv[i].slice("--host=".length);
  }
  return env.HOST?.trim() || DEFAULT_HOST;
}

/**
 * Why the dashboard must not listen on `host`, or null when it may. EM Lab has no sign-in, so
 * only loopback addresses are allowed: anyone reaching the port could read every result and spend
 * the endpoints' keys.
 */
export function bindRefusal(host: string): string | null {
  if (isLoopbackHost(host)) return null;
  return (
    `HOST=${host} would expose the dashboard to the network, and EM Lab has no sign-in: anyone reaching ` +
    `the port could read every result and launch batches on your keys. Bind a loopback address ` +
    `(the default 127.0.0.1, or ::1, localhost) and reach it through an SSH tunnel or an ` +
    `authenticating reverse proxy on this machine.`
  );
}
