import { ZSignUpInput } from "@hindsight/domain";
import { describe, expect, it } from "vitest";
import { zodFieldErrors } from "./form-fields";

describe("zodFieldErrors", () => {
  it("keeps the first message of each field and names every failing field", () => {
    const parsed = ZSignUpInput.safeParse({ handle: "Not A Handle", name: "", password: "short" });
    expect(parsed.success).toBe(false);
    const errors = zodFieldErrors(parsed.error!);
    expect(Object.keys(errors).sort()).toEqual(["handle", "name", "password"]);
    expect(errors.password).toMatch(/at least 12 characters/);
  });

  it("gives nothing for a valid form", () => {
    const parsed = ZSignUpInput.safeParse({ handle: "ada", name: "Ada", password: "a long enough passphrase" });
    expect(parsed.success).toBe(true);
  });
});
