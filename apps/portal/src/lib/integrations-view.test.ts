import { describe, expect, it } from "vitest";
import { integrationSetup, KIND_OPTIONS } from "./integrations-view";

describe("integrationSetup", () => {
  it("asks for the tool's own token only where the tool issues it", () => {
    expect(integrationSetup("mattermost")).toMatchObject({ pasteSecret: true, secretLabel: "Token from Mattermost" });
    expect(integrationSetup("teams")).toMatchObject({ pasteSecret: true, secretLabel: "Security token from Teams" });
    for (const kind of ["rocketchat", "hubot", "errbot", "generic"] as const) {
      expect(integrationSetup(kind)).toMatchObject({ pasteSecret: false, secretLabel: null });
    }
  });

  it("describes the signature for bots and every kind has steps", () => {
    expect(integrationSetup("hubot").steps.join(" ")).toMatch(/X-Hindsight-Signature: sha256=/);
    expect(KIND_OPTIONS).toHaveLength(6);
    for (const { value } of KIND_OPTIONS) expect(integrationSetup(value).steps.length).toBeGreaterThan(0);
  });
});
