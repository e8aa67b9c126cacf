// Progress for long commands: a cli-progress bar on a terminal, a plain line every few seconds
// otherwise (CI logs want lines, not carriage returns).
import { Presets, SingleBar } from "cli-progress";
import type { Io } from "./io.js";

export interface Progress {
  advance(by?: number): void;
  stop(): void;
}

export function startProgress(io: Io, label: string, total: number, unit: string): Progress {
  if (io.interactive && total > 0) {
    const bar = new SingleBar(
      { format: `${label} {bar} {value}/{total} ${unit} | {eta_formatted} left`, stream: io.progressStream, hideCursor: true, clearOnComplete: true },
      Presets.shades_classic,
    );
    bar.start(total, 0);
    return {
      advance: (by = 1) => bar.increment(by),
      stop: () => bar.stop(),
    };
  }
  let done = 0;
  let lastLine = Date.now();
  return {
    advance: (by = 1) => {
      done += by;
      // A line every 5 s keeps a CI log alive without flooding it; the summary says the rest.
      if (Date.now() - lastLine >= 5_000 && done < total) {
        lastLine = Date.now();
        io.err(`${label}: ${done}/${total} ${unit}`);
      }
    },
    stop: () => undefined,
  };
}
