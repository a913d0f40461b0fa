"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { ROLES } from "@/lib/auth/roles";
import { createUser, setUserDisabled, setUserRole } from "@/lib/auth/users";
import { valueAction, formAction } from "@/lib/guard";

const createUserSchema = z.object({
  email: z.string().trim().min(1, "Required."),
  name: z.string().trim().max(100).optional(),
  password: z.string().min(1, "Required."),
  role: z.enum(ROLES),
});

export const createUserAction = formAction(
  createUserSchema,
  async (input) => {
    const user = await createUser(input);
    revalidatePath("/users");
    return { email: user.email, role: user.role };
  },
  "admin",
);

export const setUserRoleAction = valueAction(
  z.object({ userId: z.string().min(1), role: z.enum(ROLES) }),
  async ({ userId, role }) => {
    await setUserRole(userId, role);
    revalidatePath("/users");
    return { userId, role };
  },
  "admin",
);

export const setUserDisabledAction = valueAction(
  z.object({ userId: z.string().min(1), disabled: z.boolean() }),
  async ({ userId, disabled }) => {
    await setUserDisabled(userId, disabled);
    revalidatePath("/users");
    return { userId, disabled };
  },
  "admin",
);
