"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requestActor } from "@/lib/auth/actor-context";
import { createApiToken, expiryFrom, revokeApiToken } from "@/lib/auth/api-tokens";
import { ROLES, type Actor } from "@/lib/auth/roles";
import { UserError } from "@/lib/errors";
import { formAction, valueAction } from "@/lib/guard";

/** Tokens belong to a signed-in user (not to local mode, and not made with another token). */
function signedInUser(): Extract<Actor, { kind: "user" }> {
  const actor = requestActor();
  if (actor?.kind !== "user" || actor.via !== "session") throw new UserError("Sign in to manage your API tokens.", {}, 403);
  return actor;
}

const createTokenSchema = z.object({
  name: z.string().trim().min(1, "Required.").max(100),
  expires: z.string().trim().optional(),
  role: z.enum(ROLES).optional().or(z.literal("").transform(() => undefined)),
});

export const createTokenAction = formAction(
  createTokenSchema,
  async (input) => {
    const user = signedInUser();
    const token = await createApiToken({ userId: user.userId, name: input.name, role: input.role ?? null, expiresAt: input.expires ? expiryFrom(input.expires) : null });
    revalidatePath("/tokens");
    return { name: token.name, token: token.token, role: token.role, expiresAt: token.expiresAt?.toISOString() ?? null };
  },
  "viewer",
);

export const revokeTokenAction = valueAction(
  z.object({ id: z.number().int().positive() }),
  async ({ id }) => {
    const user = signedInUser();
    await revokeApiToken(id, user.userId);
    revalidatePath("/tokens");
    return { id };
  },
  "viewer",
);
