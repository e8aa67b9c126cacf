// The e2e suite's file order: alphabetical by path, the same on every machine. Vitest's default
// sequencer orders files by cached results (failed first, slowest first) or, on a clean clone, by file
// size, so the order (and what data an earlier file left in the shared server) changed from run to run.
// zz-logs.e2e.ts greps the server log for every secret the other files planted, so it must run last;
// alphabetical order guarantees that, and sort() checks it.
import { BaseSequencer, type TestSpecification } from "vitest/node";

export const LAST_FILE = "zz-logs.e2e.ts";

export default class E2ESequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = [...files].sort((a, b) => (a.moduleId < b.moduleId ? -1 : a.moduleId > b.moduleId ? 1 : 0));
    const last = sorted.findIndex((f) => f.moduleId.endsWith(`/${LAST_FILE}`));
    if (last !== -1 && last !== sorted.length - 1) sorted.push(...sorted.splice(last, 1));
    return sorted;
  }
}
