import { z } from "zod";
import { checkBaseUrl } from "@/lib/eval/endpoint-url";

/** Parsed and rebuilt: http(s), host, port and path only. */
const baseUrlField = z
  .string()
  .trim()
  .min(1, "A URL such as http://localhost:8000/v1.")
  .max(2000, "At most 2,000 characters.")
  .transform((text, ctx) => {
    const checked = checkBaseUrl(text);
    if (checked.ok) return checked.url;
    ctx.addIssue({ code: "custom", message: checked.error });
    return z.NEVER;
  });

const apiKeyEnvField = z
  .string()
  .trim()
  .max(200, "At most 200 characters.")
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "The NAME of an environment variable, e.g. EMLAB_KEY_OPENAI — never the key itself.")
  .optional()
  .or(z.literal("").transform(() => undefined));

/** US dollars per million tokens: 0 for a local server, empty for unknown (then no cost is shown). */
const priceField = z.preprocess(
  (v) => (v === "" || v === null ? undefined : v),
  z.coerce.number({ error: "A price in US dollars per million tokens, e.g. 2.5." }).min(0, "A price cannot be negative.").max(100_000, "At most $100,000 per million tokens.").optional(),
);

/** An OpenAI-compatible endpoint as entered (page, REST, CLI). The key is named, never given. */
export const endpointInputSchema = z
  .object({
    id: z.coerce.number().int().positive().optional(),
    name: z.string().trim().min(1, "Name is required.").max(200),
    baseUrl: baseUrlField,
    model: z.string().trim().min(1, "Model id is required (a LoRA adapter's name on vLLM).").max(500, "At most 500 characters."),
    apiKeyEnv: apiKeyEnvField,
    maxConcurrent: z.coerce.number().int().min(1).max(1024).default(8),
    requestsPerMinute: z.coerce.number().int().min(1).max(1_000_000).optional().or(z.literal("").transform(() => undefined)),
    timeoutSeconds: z.coerce.number().int().min(1).max(3600).default(120),
    inputUsdPerMTok: priceField,
    outputUsdPerMTok: priceField,
    /** Judge through the provider's Batch API (a checkbox sends "on"). */
    batchApi: z
      .union([z.boolean(), z.enum(["on", "true", "false", ""])])
      .optional()
      .transform((v) => v === true || v === "on" || v === "true"),
    /** Share of the price the Batch API takes off: 0.5 is OpenAI's half price. */
    batchDiscount: z.coerce.number({ error: "A share between 0 and 1, e.g. 0.5." }).min(0, "Between 0 and 1.").max(1, "Between 0 and 1.").default(0.5),
  })
  .refine((e) => (e.inputUsdPerMTok === undefined) === (e.outputUsdPerMTok === undefined), {
    message: "Give both prices (input and output) or neither.",
    path: ["outputUsdPerMTok"],
  });

export type EndpointInput = z.output<typeof endpointInputSchema>;

/** What listing an endpoint's models needs (the form, before the endpoint is saved). */
export const modelListInputSchema = z.object({ baseUrl: baseUrlField, apiKeyEnv: apiKeyEnvField });
