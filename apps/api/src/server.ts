// Process entry point: load configuration, build the app, listen, and shut down cleanly on signals.
import { parseArgs } from "node:util";
import { DataDirLocked } from "@hindsight/db";
import { buildApp } from "./app.js";
import { ConfigError, loadConfig } from "./config.js";

async function main(): Promise<void> {
  // `--demo` (the README's quick start, `pnpm demo`) is HINDSIGHT_DEMO=true unless the variable says otherwise.
  const { values } = parseArgs({ options: { demo: { type: "boolean", default: false } }, strict: true });
  const config = loadConfig(values.demo ? { ...process.env, HINDSIGHT_DEMO: process.env.HINDSIGHT_DEMO ?? "true" } : process.env);
  const app = await buildApp(config);
  // Graceful shutdown (docs/reliability.md (Operations)): stop listening, answer 503 to requests on
  // kept-alive connections, let in-flight requests finish, then stop background work and close the
  // database (which releases the PGlite data directory's lock). Connections still busy after the
  // grace period are cut; if closing still hangs, the process exits 1 rather than linger.
  let closing = false;
  app.addHook("preClose", async () => {
    app.log.info("shutting down: refusing new requests, waiting for requests in flight");
  });
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    const started = Date.now();
    app.log.info(`${signal} received, shutting down`);
    const cut = setTimeout(() => {
      app.log.warn({ graceMs: config.ops.shutdownGraceMs }, "shutdown grace period over: closing the connections still open");
      app.server.closeAllConnections();
    }, config.ops.shutdownGraceMs);
    cut.unref();
    const giveUp = setTimeout(() => {
      app.log.error("shutdown did not finish; exiting");
      process.exit(1);
    }, config.ops.shutdownGraceMs + 2_000);
    giveUp.unref();
    app.close().then(
      () => {
        app.log.info({ ms: Date.now() - started }, "shut down cleanly");
        process.exit(0);
      },
      (err: unknown) => {
        app.log.error({ err }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  await app.listen({ port: config.port, host: config.host });
  const where = config.database.driver === "pglite" ? `PGlite in ${config.database.dataDir}` : "Postgres";
  app.log.info(`Hindsight is ready on http://localhost:${config.port} (data: ${where})`);
  if (config.demo) app.log.warn("demo mode (HINDSIGHT_DEMO=true): anyone can sign in as anyone; keep real data out");
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof DataDirLocked) {
    console.error(`hindsight: ${err.message}`);
    process.exit(2);
  }
  console.error("hindsight: failed to start:", err);
  process.exit(1);
});
