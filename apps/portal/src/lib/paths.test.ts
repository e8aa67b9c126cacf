import { describe, expect, it } from "vitest";
import { entryPath } from "./paths";

describe("entryPath", () => {
  it("addresses an entry and its edit and history pages", () => {
    expect(entryPath("checkout-timeouts")).toBe("/entries/checkout-timeouts");
    expect(entryPath("checkout-timeouts", "edit")).toBe("/entries/checkout-timeouts/edit");
    expect(entryPath("checkout-timeouts", "history")).toBe("/entries/checkout-timeouts/history");
  });

  it("encodes what is not a plain slug", () => {
    expect(entryPath("a/b?c")).toBe("/entries/a%2Fb%3Fc");
  });
});
