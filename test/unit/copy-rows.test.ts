import { describe, expect, it } from "vitest";
import { copyLine } from "@/lib/db/copy-rows";

describe("COPY text lines", () => {
  it("escapes backslash, newline, carriage return and tab, and writes NULL as \\N", () => {
    expect(copyLine(["a\\b", "line1\nline2\r\n", "x\ty", null, 1.5, true, new Date("2026-01-02T03:04:05.000Z")])).toBe(
      "a\\\\b\tline1\\nline2\\r\\n\tx\\ty\t\\N\t1.5\tt\t2026-01-02T03:04:05.000Z\n",
    );
  });

  it("leaves plain text alone and writes non-finite numbers as NULL", () => {
    expect(copyLine(["plain text, with commas", Number.NaN, 0])).toBe("plain text, with commas\t\\N\t0\n");
  });
});
