// Users are created by admins (the Users page) or the CLI; Better Auth reads them at sign-in.
import { randomUUID } from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import { prisma } from "@/lib/db/prisma";
import { UserError } from "@/lib/errors";
import { recordAudit } from "./audit-log";
import { forgetUsersSeen } from "./auth-mode";
import type { Role } from "./roles";

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 128;

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,189}\.[^\s@]{1,63}$/;

export function normalEmail(email: string): string {
  const e = email.trim().toLowerCase();
  if (!EMAIL.test(e)) throw new UserError(`"${email.slice(0, 80)}" is not an email address.`, { email: ["Not an email address."] });
  return e;
}

export function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH) {
    throw new UserError(`A password needs ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters.`, { password: [`${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters.`] });
  }
}

export interface UserSummary {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  createdAt: Date;
}

const summary = { id: true, email: true, name: true, role: true, disabled: true, createdAt: true } as const;

/** A user with an email + password credential (Better Auth's "credential" account, scrypt hash). */
export async function createUser(input: { email: string; password: string; role: Role; name?: string }): Promise<UserSummary> {
  const email = normalEmail(input.email);
  checkPassword(input.password);
  const name = (input.name?.trim() || email.split("@")[0]).slice(0, 100);
  if (await prisma().user.findUnique({ where: { email }, select: { id: true } })) {
    throw new UserError(`A user ${email} already exists.`, { email: ["Already exists."] });
  }
  const id = randomUUID();
  const password = await hashPassword(input.password);
  const [user] = await prisma().$transaction([
    prisma().user.create({ data: { id, email, name, role: input.role }, select: summary }),
    prisma().account.create({ data: { id: randomUUID(), accountId: id, providerId: "credential", userId: id, password } }),
  ]);
  await recordAudit("user.create", { type: "User", id }, { email, role: input.role });
  return user;
}

export function listUsers(): Promise<UserSummary[]> {
  return prisma().user.findMany({ orderBy: { email: "asc" }, select: summary });
}

export async function findUser(email: string): Promise<UserSummary> {
  const user = await prisma().user.findUnique({ where: { email: normalEmail(email) }, select: summary });
  if (!user) throw new UserError(`No user ${email.slice(0, 80)}.`, { email: ["No such user."] }, 404);
  return user;
}

async function adminsLeft(exceptId: string): Promise<number> {
  return prisma().user.count({ where: { role: "admin", disabled: false, id: { not: exceptId } } });
}

/** The last enabled admin keeps the role: otherwise nobody could manage users any more. */
async function keepOneAdmin(user: UserSummary, what: string): Promise<void> {
  if (user.role === "admin" && !user.disabled && (await adminsLeft(user.id)) === 0) {
    throw new UserError(`${user.email} is the only admin: make another admin before you ${what}.`);
  }
}

export async function setUserRole(userId: string, role: Role): Promise<UserSummary> {
  const user = await prisma().user.findUnique({ where: { id: userId }, select: summary });
  if (!user) throw new UserError(`User ${userId} does not exist.`, {}, 404);
  if (role !== "admin") await keepOneAdmin(user, "change their role");
  const updated = await prisma().user.update({ where: { id: userId }, data: { role }, select: summary });
  await recordAudit("user.role", { type: "User", id: userId }, { email: user.email, from: user.role, to: role });
  return updated;
}

/** Disabling ends the user's sessions; their tokens stop working while they are disabled. */
export async function setUserDisabled(userId: string, disabled: boolean): Promise<UserSummary> {
  const user = await prisma().user.findUnique({ where: { id: userId }, select: summary });
  if (!user) throw new UserError(`User ${userId} does not exist.`, {}, 404);
  if (disabled) await keepOneAdmin(user, "disable them");
  const [updated] = await prisma().$transaction([
    prisma().user.update({ where: { id: userId }, data: { disabled }, select: summary }),
    prisma().session.deleteMany({ where: { userId: disabled ? userId : "" } }),
  ]);
  await recordAudit(disabled ? "user.disable" : "user.enable", { type: "User", id: userId }, { email: user.email });
  return updated;
}

/** Removes a user with their sessions and tokens (the audit log keeps their email). */
export async function removeUser(userId: string): Promise<UserSummary> {
  const user = await prisma().user.findUnique({ where: { id: userId }, select: summary });
  if (!user) throw new UserError(`User ${userId} does not exist.`, {}, 404);
  await keepOneAdmin(user, "remove them");
  await prisma().user.delete({ where: { id: userId } });
  forgetUsersSeen();
  await recordAudit("user.remove", { type: "User", id: userId }, { email: user.email });
  return user;
}
