import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client";

// One client per process; kept on globalThis so Next's dev reloads do not open new pools.
const globalForPrisma = globalThis as unknown as { emlabPrisma?: PrismaClient };

export function createPrismaClient(databaseUrl: string): PrismaClient {
  // The adapter keeps its pool alive when an idle connection dies; these only say so in the log.
  const logLost = (what: string) => (error: Error & { code?: string }) => console.error(`[db] prisma ${what}: ${error.code ?? error.message}`);
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString: databaseUrl }, { onPoolError: logLost("pool connection lost"), onConnectionError: logLost("connection error") }),
  });
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
