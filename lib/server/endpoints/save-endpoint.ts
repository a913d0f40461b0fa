import "server-only";
import { recordAudit } from "@/lib/auth/audit-log";
import { Prisma } from "@/lib/db/generated/client";
import { prisma } from "@/lib/db/prisma";
import { NotFoundError, UserError, type FieldErrors } from "@/lib/errors";
import { keyVarAllowed, keyVarRefusal } from "@/lib/eval/key-allowlist";
import { isPrivateHostName, privateEndpointsAllowed } from "@/lib/network/private-address";
import type { EndpointInput } from "./endpoint-input";

/**
 * The operator's limits (this process's environment, the same as the workers' under npm start):
 * the key variable must be allowed, and the host must be public unless private endpoints are.
 * Workers check both again when they use the endpoint.
 */
export function checkPolicy(input: Pick<EndpointInput, "baseUrl" | "apiKeyEnv">, env: Record<string, string | undefined> = process.env): void {
  const errors: FieldErrors = {};
  if (input.apiKeyEnv && !keyVarAllowed(input.apiKeyEnv, env)) errors.apiKeyEnv = [keyVarRefusal(input.apiKeyEnv)];
  const { hostname } = new URL(input.baseUrl);
  if (!privateEndpointsAllowed(env) && isPrivateHostName(hostname)) {
    errors.baseUrl = [`${hostname} is on this machine or a private network; the operator allows that with EMLAB_ALLOW_PRIVATE_ENDPOINTS=1.`];
  }
  if (Object.keys(errors).length) throw new UserError("This endpoint is not allowed here.", errors);
}

export async function saveEndpoint(input: EndpointInput, env: Record<string, string | undefined> = process.env): Promise<{ id: number }> {
  checkPolicy(input, env);
  const { id, ...fields } = input;
  const data = { ...fields, apiKeyEnv: fields.apiKeyEnv ?? null, requestsPerMinute: fields.requestsPerMinute ?? null,
    inputUsdPerMTok: fields.inputUsdPerMTok ?? null, outputUsdPerMTok: fields.outputUsdPerMTok ?? null };
  try {
    const saved = id
      ? await prisma().endpoint.update({ where: { id }, data, select: { id: true } })
      : await prisma().endpoint.create({ data, select: { id: true } });
    // The key variable's name is not a secret; its value never reaches this process's database.
    await recordAudit("endpoint.save", { type: "Endpoint", id: saved.id }, { name: input.name, baseUrl: input.baseUrl, model: input.model, apiKeyEnv: input.apiKeyEnv ?? null, created: !id });
    return saved;
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new UserError("An endpoint with this name already exists.", { name: [`An endpoint named "${input.name}" already exists.`] });
    }
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2025") throw new NotFoundError(`Endpoint ${id} does not exist.`);
    throw error;
  }
}
