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
 * Why the dashboard must not listen on `host`, or null when it may. A loopback address may always
 * be bound (with no users it is single-user local mode). Any other address exposes the dashboard,
 * so it needs sign-in configured: at least one user (the session secret is generated into the
 * data folder when EMLAB_AUTH_SECRET is not set).
 */
export function bindRefusal(host: string, auth: { usersExist: boolean }): string | null {
  if (isLoopbackHost(host) || auth.usersExist) return null;
  return (
    `HOST=${host} would expose the dashboard to the network, and nobody can sign in yet: anyone reaching ` +
    `the port could read every result and launch batches on your keys. Create the first admin, then start again:\n` +
    `  EMLAB_PASSWORD='a long password' npm run -s emlab -- user add you@lab.example --admin\n` +
    `(run in a terminal without EMLAB_PASSWORD, it asks for the password). Or bind a loopback address ` +
    `(the default 127.0.0.1) and reach it through an SSH tunnel.`
  );
}
