import { describe, expect, it } from "vitest";
import { migrationChecksum } from "@/lib/db/migrate";

describe("migration checksum", () => {
  it("is Prisma's: lowercase hex SHA-256 of the script", () => {
    // sha256("CREATE TABLE a (id int);\n"), computed independently with `sha256sum`.
    expect(migrationChecksum("CREATE TABLE a (id int);\n")).toBe("c2de7559380e5ebf65caa7d59e166558e80243cf7e70006cc98d1593d94203c1");
  });
});
