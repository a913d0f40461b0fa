// A JSON Schema's top-level fields as rows for the API reference page (pure, no rendering).

type JsonSchema = Record<string, unknown>;

export interface SchemaField {
  name: string;
  type: string;
  required: boolean;
  description: string;
}

/** A short type name: `integer`, `string | string[]`, `"csv" | "jsonl"`, `object`, ... */
export function typeName(schema: JsonSchema | undefined): string {
  if (!schema || Object.keys(schema).length === 0) return "any";
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
  if ("const" in schema) return JSON.stringify(schema.const);
  const union = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (union) return [...new Set(union.map(typeName))].join(" | ");
  if (schema.type === "array") return `${typeName(schema.items as JsonSchema | undefined)}[]`;
  if (Array.isArray(schema.type)) return schema.type.join(" | ");
  if (schema.format === "binary") return "file";
  return String(schema.type ?? "any");
}

function constraints(schema: JsonSchema): string[] {
  const out: string[] = [];
  if (schema.default !== undefined) out.push(`default ${JSON.stringify(schema.default)}`);
  if (typeof schema.minimum === "number" && schema.minimum > -1e15) out.push(`≥ ${schema.minimum}`);
  if (typeof schema.maximum === "number" && schema.maximum < 1e15) out.push(`≤ ${schema.maximum}`);
  if (typeof schema.maxLength === "number") out.push(`at most ${schema.maxLength} characters`);
  return out;
}

export function schemaFields(schema: JsonSchema | undefined): SchemaField[] {
  const target = schema?.type === "array" ? (schema.items as JsonSchema | undefined) : schema;
  const properties = (target?.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((target?.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    type: typeName(property),
    required: required.has(name),
    description: [property.description, ...constraints(property)].filter(Boolean).join("; "),
  }));
}
