import { describe, expect, it, vi } from "vitest";
import { loadOnce } from "./load-once";

describe("loadOnce", () => {
  it("imports once, shares the promise, and has the value synchronously after", async () => {
    const importer = vi.fn(async () => "module");
    const m = loadOnce(importer);
    expect(m.loaded()).toBeNull();
    const [a, b] = await Promise.all([m.load(), m.load()]);
    expect([a, b]).toEqual(["module", "module"]);
    expect(importer).toHaveBeenCalledTimes(1);
    expect(m.loaded()).toBe("module");
  });

  it("tries again on the next call after a failed import", async () => {
    const importer = vi.fn().mockRejectedValueOnce(new Error("offline")).mockResolvedValueOnce("module");
    const m = loadOnce(importer as () => Promise<string>);
    await expect(m.load()).rejects.toThrow("offline");
    expect(m.loaded()).toBeNull();
    await expect(m.load()).resolves.toBe("module");
    expect(importer).toHaveBeenCalledTimes(2);
  });
});
