import { z } from "zod";
import { checkBaseUrl } from "@/lib/eval/endpoint-url";

/** An OpenAI-compatible endpoint as entered (page, REST, CLI). The key is named, never given. */
export const endpointInputSchema = z.object({
  id: z.coerce.number().int().positive().optional(),
  name: z.string().trim().min(1, "Name is required.").max(200),
  /** Parsed and rebuilt: http(s), host, port and path only. */
  baseUrl: z
    .string()
    .trim()
    .min(1, "A URL such as http://localhost:8000/v1.")
    .max(2000, "At most 2,000 characters.")
    .transform((text, ctx) => {
      const checked = checkBaseUrl(text);
      if (checked.ok) return checked.url;
      ctx.addIssue({ code: "custom", message: checked.error });
      return z.NEVER;
    }),
  model: z.string().trim().min(1, "Model id is required (a LoRA adapter's name on vLLM).").max(500, "At most 500 characters."),
  apiKeyEnv: z
    .string()
    .trim()
    .max(200, "At most 200 characters.")
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "The NAME of an environment variable, e.g. EMLAB_KEY_OPENAI — never the key itself.")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  maxConcurrent: z.coerce.number().int().min(1).max(1024).default(8),
  requestsPerMinute: z.coerce.number().int().min(1).max(1_000_000).optional().or(z.literal("").transform(() => undefined)),
  timeoutSeconds: z.coerce.number().int().min(1).max(3600).default(120),
});

export type EndpointInput = z.output<typeof endpointInputSchema>;
