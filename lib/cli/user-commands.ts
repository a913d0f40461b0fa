// `emlab user ...` and `emlab token ...`: accounts and API tokens from the machine that holds the
// database (the first admin is made here). Passwords come from EMLAB_PASSWORD or a hidden prompt,
// never from the command line (it would stay in the shell history and the process list).
import { createInterface } from "node:readline";
import { Writable } from "node:stream";
import { createApiToken, expiryFrom, listApiTokens, revokeApiToken } from "@/lib/auth/api-tokens";
import { isRole, ROLES, type Role } from "@/lib/auth/roles";
import { createUser, findUser, listUsers, removeUser, setUserDisabled, setUserRole } from "@/lib/auth/users";
import { prisma } from "@/lib/db/prisma";
import { UserError } from "@/lib/errors";
import type { Command } from "./command";

export const USER_USAGE = `  user add EMAIL --admin|--researcher|--viewer [--name NAME]
                                  (password from EMLAB_PASSWORD, or asked for on a terminal)
  user list
  user role EMAIL viewer|researcher|admin
  user disable|enable EMAIL
  user remove EMAIL
  token create --user EMAIL --name NAME [--expires 30d|12h|2027-01-31] [--role viewer|researcher]
                                  (prints the token once)
  token list --user EMAIL
  token revoke ID`;


interface UserValues {
  admin?: boolean;
  researcher?: boolean;
  viewer?: boolean;
  user?: string;
  expires?: string;
  role?: string;
  name?: string;
  json?: boolean;
}

function roleFlag(v: UserValues): Role {
  const given = ROLES.filter((r) => v[r]);
  if (given.length !== 1) throw new UserError("Give exactly one role: --admin, --researcher or --viewer.");
  return given[0];
}

function roleArgument(text: string | undefined, what: string): Role {
  if (!isRole(text)) throw new UserError(`${what} is one of ${ROLES.join(", ")}${text ? `, not "${text.slice(0, 40)}"` : ""}.`);
  return text;
}

/** Reads a line from the terminal without echoing it. */
async function promptHidden(question: string): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk, _encoding, done) {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  try {
    const answer = new Promise<string>((resolve) => rl.question(question, resolve));
    muted = true;
    return await answer;
  } finally {
    rl.close();
    process.stderr.write("\n");
  }
}

async function newPassword(): Promise<string> {
  const fromEnv = process.env.EMLAB_PASSWORD;
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) throw new UserError("Set EMLAB_PASSWORD (or run in a terminal to be asked): the password is never a command-line argument.");
  const first = await promptHidden("Password (10 to 128 characters): ");
  const again = await promptHidden("Again: ");
  if (first !== again) throw new UserError("The two passwords differ.");
  return first;
}

function exactlyOne(args: string[], what: string): string {
  if (args.length !== 1) throw new UserError(`Give exactly one ${what}.\n\n${USER_USAGE}`);
  return args[0];
}

/** Prisma's pool is closed before the CLI stops the embedded database (no "connection lost" noise). */
async function disconnecting(work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } finally {
    await prisma().$disconnect();
  }
}

export function runUser(args: string[], v: UserValues): Promise<void> {
  return disconnecting(() => userSubcommand(args, v));
}

export function runToken(args: string[], v: UserValues): Promise<void> {
  return disconnecting(() => tokenSubcommand(args, v));
}

async function userSubcommand([sub, ...args]: string[], v: UserValues): Promise<void> {
  if (sub === "add") {
    const email = exactlyOne(args, "EMAIL");
    const role = roleFlag(v);
    const user = await createUser({ email, role, name: v.name, password: await newPassword() });
    console.log(`Created ${user.email} (${user.role}).`);
  } else if (sub === "list") {
    const users = await listUsers();
    if (v.json) console.log(JSON.stringify(users, null, 2));
    else if (!users.length) console.log("No users: the dashboard runs in local mode (loopback only, no sign-in).");
    else for (const u of users) console.log(`${u.email}\t${u.role}${u.disabled ? "\tdisabled" : ""}`);
  } else if (sub === "role") {
    if (args.length !== 2) throw new UserError(`Usage: user role EMAIL ROLE\n\n${USER_USAGE}`);
    const user = await findUser(args[0]);
    const updated = await setUserRole(user.id, roleArgument(args[1], "ROLE"));
    console.log(`${updated.email} is now ${updated.role}.`);
  } else if (sub === "disable" || sub === "enable") {
    const user = await findUser(exactlyOne(args, "EMAIL"));
    await setUserDisabled(user.id, sub === "disable");
    console.log(`${user.email} ${sub}d.`);
  } else if (sub === "remove") {
    const user = await findUser(exactlyOne(args, "EMAIL"));
    await removeUser(user.id);
    console.log(`Removed ${user.email}.`);
  } else {
    throw new UserError(`Unknown user command "${sub ?? ""}".\n\n${USER_USAGE}`);
  }
}

async function tokenSubcommand([sub, ...args]: string[], v: UserValues): Promise<void> {
  if (sub === "create") {
    if (!v.user) throw new UserError("--user EMAIL is required: the token acts as that user.");
    if (!v.name) throw new UserError("--name NAME is required (what uses the token).");
    const user = await findUser(v.user);
    const token = await createApiToken({
      userId: user.id,
      name: v.name,
      role: v.role === undefined ? null : roleArgument(v.role, "--role"),
      expiresAt: v.expires ? expiryFrom(v.expires) : null,
    });
    console.error(`Token ${token.id} "${token.name}" for ${user.email} (${token.role}${token.expiresAt ? `, expires ${token.expiresAt.toISOString()}` : ", never expires"}). It is shown only now:`);
    console.log(token.token);
  } else if (sub === "list") {
    if (!v.user) throw new UserError("--user EMAIL is required.");
    const user = await findUser(v.user);
    for (const t of await listApiTokens(user.id)) {
      const state = t.revokedAt ? "revoked" : t.expiresAt && t.expiresAt <= new Date() ? "expired" : "active";
      console.log(`${t.id}\t${t.name}\t${t.prefix}…\t${t.role ?? user.role}\t${state}\tlast used ${t.lastUsedAt?.toISOString() ?? "never"}`);
    }
  } else if (sub === "revoke") {
    const id = Number(exactlyOne(args, "token ID"));
    if (!Number.isInteger(id) || id <= 0) throw new UserError("The token ID is a positive whole number (see `token list`).");
    const token = await revokeApiToken(id, null);
    console.log(`Revoked token ${token.id} "${token.name}".`);
  } else {
    throw new UserError(`Unknown token command "${sub ?? ""}".\n\n${USER_USAGE}`);
  }
}

export const userCommand: Command = { name: "user", usage: USER_USAGE.split("\n  token")[0], needs: "database", run: ({ args, values }) => runUser(args, values) };
export const tokenCommand: Command = {
  name: "token",
  usage: `  token${USER_USAGE.split("\n  token").slice(1).join("\n  token")}`,
  needs: "database",
  run: ({ args, values }) => runToken(args, values),
};
