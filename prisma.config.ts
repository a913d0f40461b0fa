import { defineConfig } from "prisma/config";

// The URL is only read by Prisma's own CLI (`prisma migrate deploy` on machines that have the
// schema engine). The app resolves its database in lib/db/database-url.ts.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost/emlab" },
});
