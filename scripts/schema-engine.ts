// Dev-time access to Prisma's schema engine, compiled to WebAssembly (no binary download).
// Used to write migration SQL (scripts/migration-new.ts) and by the schema drift test.
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import * as engineModule from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { DiffTarget } from "@prisma/schema-engine-wasm";
import { readFile } from "node:fs/promises";

let loaded: Promise<void> | null = null;

function loadWasm(): Promise<void> {
  loaded ??= (async () => {
    const wasmUrl = new URL("schema_engine_bg.wasm", import.meta.resolve("@prisma/schema-engine-wasm/schema_engine_bg"));
    const { instance } = await WebAssembly.instantiate(await readFile(wasmUrl), {
      "./schema_engine_bg.js": engineModule as unknown as WebAssembly.ModuleImports,
    });
    engineModule.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
  })();
  return loaded;
}

export function datamodelTarget(schema: string): DiffTarget {
  return { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: schema }] };
}

/**
 * SQL that takes `from` to `to` ("" when they agree). The engine needs a live connection even for
 * pure schema-to-schema diffs; `databaseUrl` may be any reachable database, and a `url` target
 * reads that database's current schema.
 */
export async function diffSql(databaseUrl: string, from: DiffTarget, to: DiffTarget): Promise<string> {
  await loadWasm();
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg({ connectionString: databaseUrl }));
  const engine = await engineModule.SchemaEngine.new({ datamodels: undefined }, () => {}, adapter);
  try {
    const result = await engine.diff({
      from,
      to,
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    });
    const sql = result.stdout ?? "";
    return sql.includes("This is an empty migration.") ? "" : sql;
  } finally {
    engine.free();
  }
}
