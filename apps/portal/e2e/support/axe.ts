// axe-core in the page under test: injects the library, runs it on the whole document and fails with
// a readable list of every serious or critical violation (rule, impact, help text, offending nodes).
import axe from "axe-core";
import type { Page } from "playwright-core";

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: string[]; failureSummary: string }[];
}

const BLOCKING = new Set(["serious", "critical"]);

/** Runs axe and returns the serious/critical violations (pure data, so callers can also just report them). */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== "undefined");
  // Evaluated through DevTools rather than as an inline <script>: the portal's CSP refuses inline scripts.
  if (!loaded) await page.evaluate(axe.source);
  const violations = await page.evaluate(async () => {
    type AxeRun = (context: Document, options: object) => Promise<{ violations: AxeViolation[] }>;
    const run = (window as unknown as { axe: { run: AxeRun } }).axe.run;
    const result = await run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target.map(String), failureSummary: n.failureSummary ?? "" })),
    }));
  });
  return violations.filter((v) => v.impact !== null && BLOCKING.has(v.impact));
}

export function formatViolations(violations: AxeViolation[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 8)
        .map((n) => `      - ${n.target.join(" ")}${n.failureSummary ? `\n        ${n.failureSummary.replace(/\n/g, "\n        ")}` : ""}`)
        .join("\n");
      const more = v.nodes.length > 8 ? `\n      … and ${v.nodes.length - 8} more` : "";
      return `  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes}${more}`;
    })
    .join("\n");
}

/** Fails when axe finds any serious or critical violation on the page as it is now. */
export async function expectNoSeriousA11yViolations(page: Page, where: string): Promise<void> {
  const violations = await axeViolations(page);
  if (violations.length) {
    throw new Error(`axe: ${violations.length} serious/critical violation(s) on ${where} (${page.url()}):\n${formatViolations(violations)}`);
  }
}
