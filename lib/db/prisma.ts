import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client";

// One client per process; kept on globalThis so Next's dev reloads do not open new pools.
const globalForPrisma = globalThis as unknown as { emlabPrisma?: PrismaClient };

export function createPrismaClient(databaseUrl: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
}

export function prisma(): PrismaClient {
  if (!globalForPrisma.emlabPrisma) {
    const url = process.env.DATABASE_URL;
    if (!url) {
      throw new Error("DATABASE_URL is not set: start EM Lab with `npm start`, which provides the database.");
    }
    globalForPrisma.emlabPrisma = createPrismaClient(url);
  }
  return globalForPrisma.emlabPrisma;
}
