// Where the CLI writes: stdout for results, stderr for problems and progress. Commands get an Io
// instead of touching process.stdout, so tests capture output and every line passes through the
// token redaction.
import { redact } from "./errors.js";

export interface Io {
  /** One line of results. */
  out(line: string): void;
  /** One line about a problem or progress. */
  err(line: string): void;
  /** stdout is a terminal: draw progress bars instead of plain progress lines. */
  interactive: boolean;
  /** Where a progress bar draws (a terminal). */
  progressStream: NodeJS.WritableStream;
  /** All of standard input, for `-` as a file name. */
  readStdin(): Promise<string>;
}

export function processIo(): Io {
  return {
    out: (line) => void process.stdout.write(`${line}\n`),
    err: (line) => void process.stderr.write(`${line}\n`),
    interactive: process.stdout.isTTY === true && process.stderr.isTTY === true,
    progressStream: process.stderr,
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
      return Buffer.concat(chunks).toString("utf8");
    },
  };
}

/** The same Io, with every known secret replaced in what it prints. */
export function redactingIo(io: Io, secrets: readonly string[]): Io {
  if (secrets.length === 0) return io;
  return {
    ...io,
    out: (line) => io.out(redact(line, secrets)),
    err: (line) => io.err(redact(line, secrets)),
  };
}
