// Crash safety on the embedded default (PGlite in a data directory): the real server is SIGKILLed
// during a 10,000-entry REST import (crash-import.ts) and started again on the same directory, whose
// lock the dead process leaves behind. Prints the figures.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDatabase } from "@hindsight/db";
import { describe, expect, it } from "vitest";
import { expectEveryKillSurvived, generate, importUnderKills, inspect, report, SEED } from "./crash-import.js";

describe("crash safety on PGlite: SIGKILL during a 10,000-entry REST import", () => {
  it("loses nothing acknowledged, leaves no batch half there, keeps the index equal to the data, restarts without repair", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hindsight-crash-"));
    try {
      const batches = generate(SEED);
      const { figures, acked } = await importUnderKills({ DATA_DIR: dir }, batches, SEED);
      // The last kill left its lock too; opening the data the way a restart does must take it over.
      expect(fs.existsSync(path.join(dir, "hindsight.lock"))).toBe(true);
      const database = await createDatabase({ driver: "pglite", dataDir: dir });
      try {
        await inspect(database, batches, acked, figures);
      } finally {
        await database.close();
      }
      report("pglite", figures);
      expectEveryKillSurvived(figures);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
