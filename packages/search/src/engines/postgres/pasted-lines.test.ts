// How the postgres engine reads a pasted log line that has no message field: its words are weighed
// like a question's, up to the engine's cap (12), rarest first. When the cap was 8 for pasted lines,
// a line's eight rarer incidental words (the sandbox, the plugin, the rpc layer) took every place,
// and the words that say what failed, commoner in a knowledge base, were never searched: this line
// answered nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { doc, type ContractHandle } from "../../contract.js";
import { postgresContractTargets } from "./testing.js";

const INCIDENTAL = ["sandbox", "rpc", "setup", "network", "plugin", "kubelet", "container", "unknown"];

for (const target of await postgresContractTargets()) {
  describe.skipIf(target.skipReason)(`pasted lines on the ${target.name}${target.skipReason ? ` (skipped: ${target.skipReason})` : ""}`, () => {
    let h: ContractHandle;
    beforeAll(async () => {
      h = await target.create();
      await h.put([
        doc({ title: "Failed to assign an IP address to new pods", body: "Pods failed to start: nothing could assign an IP address, the subnet had no free addresses left." }),
        // The failure words are commoner here than the line's other words: onboarding notes use them in passing.
        ...Array.from({ length: 3 }, (_, i) =>
          doc({ title: `Onboarding note ${i + 1}`, body: `If a laptop failed its checks, assign it an owner and write down its IP address. Step ${i + 1} of the checklist.` }),
        ),
        // Each incidental token of the line is in one entry about something else.
        ...INCIDENTAL.map((w) => doc({ title: `Glossary: ${w}`, body: `The word ${w} as used by the platform team, with links to the design documents.` })),
      ]);
    }, 120_000);
    afterAll(async () => {
      await h?.close();
    });

    it("searches a line's failure words, not only its rarest incidental tokens", async () => {
      const line = "kubelet: rpc error: code = Unknown, failed to setup network for sandbox: plugin failed (add): failed to assign an IP address to container";
      const res = await h.engine.search({ q: line, scope: { all: true }, limit: 10 });
      expect(res.mode).toBe("error");
      expect(res.hits[0]?.title, res.hits.map((x) => x.title).join(" | ")).toBe("Failed to assign an IP address to new pods");
    });
  });
}
