import "server-only";
import { Prisma } from "@/lib/db/generated/client";
import { prisma } from "@/lib/db/prisma";
import { NotFoundError, UserError } from "@/lib/errors";
import type { EndpointInput } from "./endpoint-input";

export async function saveEndpoint(input: EndpointInput): Promise<{ id: number }> {
  const { id, ...fields } = input;
  const data = { ...fields, apiKeyEnv: fields.apiKeyEnv ?? null, requestsPerMinute: fields.requestsPerMinute ?? null };
  try {
    return id
      ? await prisma().endpoint.update({ where: { id }, data, select: { id: true } })
      : await prisma().endpoint.create({ data, select: { id: true } });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new UserError("An endpoint with this name already exists.", { name: [`An endpoint named "${input.name}" already exists.`] });
    }
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2025") throw new NotFoundError(`Endpoint ${id} does not exist.`);
    throw error;
  }
}
