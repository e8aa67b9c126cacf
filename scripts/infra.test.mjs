// Checks on the deployment and CI files that can be made without a Docker engine:
// the compose file validates and wires the topology as documented, the Dockerfile
// agrees with the workspace (package names, pnpm version, server path), and the
// CI script parses. The compose checks need `docker-compose` (Debian package);
// they are skipped without it locally and fail without it in CI.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const read = (file) => readFileSync(join(root, file), "utf8");
const rootPkg = JSON.parse(read("package.json"));

function which(cmd) {
  const res = spawnSync("bash", ["-c", `command -v ${cmd}`], { encoding: "utf8" });
  return res.status === 0 ? res.stdout.trim() : null;
}

const compose = which("docker-compose");
const inCI = Boolean(process.env.CI);
const composeIt = it.skipIf(!compose && !inCI);

// Variables the compose file reads; stripped so the checks see the defaults a
// fresh clone gets, and an empty --env-file so a developer's .env is ignored too.
const COMPOSE_VARS = ["POSTGRES_PASSWORD", "MEILI_MASTER_KEY", "MEILI_VERSION", "MEILI_ENV", "HINDSIGHT_ADMIN_TOKEN", "LOG_LEVEL"];
const scratch = mkdtempSync(join(tmpdir(), "infra-test-"));
const emptyEnvFile = join(scratch, "empty.env");
writeFileSync(emptyEnvFile, "");
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function runCompose(args, extraEnv = {}) {
  if (!compose) throw new Error("docker-compose is not installed (apt-get install -y docker-compose)");
  const env = { ...process.env };
  for (const v of COMPOSE_VARS) delete env[v];
  Object.assign(env, extraEnv);
  return spawnSync(
    compose,
    ["--project-directory", root, "--env-file", emptyEnvFile, "-f", join(root, "docker-compose.yml"), ...args],
    { encoding: "utf8", env },
  );
}

// `docker-compose config` prints YAML; the Python that runs docker-compose has
// PyYAML (a dependency of the Debian package), so it converts it to JSON for us.
function composeConfig(extraEnv) {
  const res = runCompose(["config"], extraEnv);
  expect(res.stderr).toBe("");
  expect(res.status).toBe(0);
  const python = readFileSync(compose, "utf8").split("\n")[0].replace(/^#!\s*/, "").trim() || "python3";
  const toJson = spawnSync(python, ["-c", "import sys, json, yaml; json.dump(yaml.safe_load(sys.stdin), sys.stdout)"], {
    input: res.stdout,
    encoding: "utf8",
  });
  expect(toJson.status, toJson.stderr).toBe(0);
  return JSON.parse(toJson.stdout);
}

function workspacePackageNames() {
  const names = new Map();
  for (const group of ["apps", "packages"]) {
    for (const dir of readdirSync(join(root, group))) {
      const file = join(root, group, dir, "package.json");
      if (existsSync(file)) names.set(JSON.parse(readFileSync(file, "utf8")).name, `${group}/${dir}`);
    }
  }
  return names;
}

describe("docker-compose.yml", () => {
  composeIt("passes `docker-compose config -q` with no .env and no variables set", () => {
    const res = runCompose(["config", "-q"]);
    expect(res.stderr).toBe("");
    expect(res.status).toBe(0);
  });

  composeIt("runs two hindsight replicas on healthy postgres and meilisearch behind a load balancer, exposing only it", () => {
    const { services, volumes } = composeConfig();
    expect(Object.keys(services).sort()).toEqual(["hindsight-1", "hindsight-2", "lb", "meilisearch", "postgres"]);
    for (const name of Object.keys(services)) {
      expect(services[name].healthcheck?.test, `${name} healthcheck`).toBeDefined();
    }
    const replicas = [services["hindsight-1"], services["hindsight-2"]];
    for (const app of replicas) {
      expect(app.build.context).toBe(root);
      expect(app.depends_on).toEqual({
        postgres: { condition: "service_healthy" },
        meilisearch: { condition: "service_healthy" },
      });
      expect(app.healthcheck.test.join(" ")).toContain("/healthz");
      // Only the load balancer is reachable from outside.
      expect(app.ports).toBeUndefined();

      const env = app.environment;
      const db = new URL(env.DATABASE_URL);
      expect(db.hostname).toBe("postgres");
      expect(db.port).toBe("5432");
      expect(db.pathname).toBe(`/${services.postgres.environment.POSTGRES_DB}`);
      expect(decodeURIComponent(db.password)).toBe(services.postgres.environment.POSTGRES_PASSWORD);
      expect(env.SEARCH_ENGINE).toBe("meilisearch");
      expect(new URL(env.MEILI_URL).hostname).toBe("meilisearch");
      expect(env.MEILI_MASTER_KEY).toBe(services.meilisearch.environment.MEILI_MASTER_KEY);
      // Meilisearch refuses master keys under 16 bytes in production mode.
      expect(Buffer.byteLength(env.MEILI_MASTER_KEY)).toBeGreaterThanOrEqual(16);
      // No default admin token: unset stays unset.
      expect(env.HINDSIGHT_ADMIN_TOKEN ?? null).toBeNull();
      // Behind the load balancer the client address comes from X-Forwarded-For.
      expect(env.HINDSIGHT_TRUST_PROXY).toBe("true");
    }
    // The replicas are one configuration, not two that can drift apart.
    expect(replicas[1]).toEqual(replicas[0]);

    const lb = services.lb;
    expect(lb.ports).toEqual([{ published: 3000, target: 3000 }]);
    expect(lb.depends_on).toEqual({
      "hindsight-1": { condition: "service_healthy" },
      "hindsight-2": { condition: "service_healthy" },
    });
    const mount = lb.volumes.find((v) => (typeof v === "string" ? v : v.target).includes("/etc/nginx/conf.d/default.conf"));
    expect(mount, "lb mounts its nginx configuration").toBeDefined();
    const conf = read("deploy/nginx.conf");
    const upstreams = [...conf.matchAll(/^\s*server\s+([\w-]+):3000\b/gm)].map((m) => m[1]);
    expect(upstreams.sort()).toEqual(["hindsight-1", "hindsight-2"]);
    expect(conf).toMatch(/^\s*listen 3000;/m);
    // nginx must never repeat a write on the other replica.
    const retry = /^\s*proxy_next_upstream\s+([^;]*);/m.exec(conf);
    expect(retry?.[1]).toBeDefined();
    expect(retry?.[1]).not.toMatch(/non_idempotent/);
    expect(services.postgres.ports).toBeUndefined();
    expect(services.meilisearch.ports).toBeUndefined();

    expect(services.postgres.image).toBe("postgres:15");
    expect(services.meilisearch.image).toMatch(/^getmeili\/meilisearch:v1\.\d+/);
    expect(services.postgres.volumes.join(" ")).toContain("pgdata:/var/lib/postgresql/data");
    expect(services.meilisearch.volumes.join(" ")).toContain("meilidata:/meili_data");
    expect(Object.keys(volumes).sort()).toEqual(["meilidata", "pgdata"]);
  });

  composeIt("uses the secrets given in the environment, consistently across services", () => {
    const { services } = composeConfig({
      POSTGRES_PASSWORD: "s3cret-pw",
      MEILI_MASTER_KEY: "a-long-enough-master-key",
      HINDSIGHT_ADMIN_TOKEN: "admin-token",
    });
    expect(services.postgres.environment.POSTGRES_PASSWORD).toBe("s3cret-pw");
    expect(services.meilisearch.environment.MEILI_MASTER_KEY).toBe("a-long-enough-master-key");
    for (const name of ["hindsight-1", "hindsight-2"]) {
      expect(new URL(services[name].environment.DATABASE_URL).password).toBe("s3cret-pw");
      expect(services[name].environment.MEILI_MASTER_KEY).toBe("a-long-enough-master-key");
      expect(services[name].environment.HINDSIGHT_ADMIN_TOKEN).toBe("admin-token");
    }
  });
});

describe("Dockerfile", () => {
  const dockerfile = read("Dockerfile");
  // Instructions with their continuation lines joined, comments dropped.
  const instructions = dockerfile
    .replace(/\\\r?\n/g, " ")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));
  const stages = [];
  for (const line of instructions) {
    if (/^FROM\s/i.test(line)) stages.push([line]);
    else if (stages.length) stages[stages.length - 1].push(line);
  }
  const runtime = stages[stages.length - 1] ?? [];
  const runtimeText = runtime.join("\n");

  it("builds every stage on node:20-bookworm-slim", () => {
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:20-bookworm-slim$/m);
    const stageNames = new Set(stages.map((s) => s[0].match(/\sAS\s+(\S+)/i)?.[1]).filter(Boolean));
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const [from] of stages) {
      const image = from.split(/\s+/)[1];
      expect(image === "${NODE_IMAGE}" || stageNames.has(image), from).toBe(true);
    }
  });

  it("installs the pnpm version the repo pins, from the frozen lockfile", () => {
    const pinned = rootPkg.packageManager.replace(/^pnpm@/, "").split("+")[0];
    expect(dockerfile).toMatch(new RegExp(`^ARG PNPM_VERSION=${pinned.replace(/\./g, "\\.")}$`, "m"));
    expect(dockerfile).toContain("npm i -g pnpm@${PNPM_VERSION}");
    expect(dockerfile).toMatch(/pnpm install --frozen-lockfile/);
    expect(instructions.join("\n")).not.toMatch(/corepack/i);
  });

  it("builds and deploys packages that exist in the workspace", () => {
    const names = workspacePackageNames();
    const filters = [...dockerfile.matchAll(/--filter=(\S+)/g)].map((m) => m[1]);
    expect(filters).toEqual(expect.arrayContaining(["@hindsight/api", "@hindsight/portal"]));
    for (const f of filters) expect(names.has(f), `--filter=${f}`).toBe(true);
  });

  it("runs the same server entry point as `pnpm start`, as a non-root user", () => {
    const entry = rootPkg.scripts.start.match(/node\s+(\S+server\.js)/)?.[1];
    expect(entry).toBeDefined();
    expect(runtimeText).toContain(`CMD ["node", "${entry}"]`);
    const user = runtime.filter((l) => /^USER\s/i.test(l)).pop();
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^USER\s+(root|0)(:|\s|$)/i);
    expect(runtimeText).toMatch(/^EXPOSE 3000$/m);
    expect(runtimeText).toMatch(/^HEALTHCHECK .*CMD node -e .*\/healthz/m);
  });

  it("points PORTAL_DIR at where the built portal is copied", () => {
    const portalDir = runtimeText.match(/PORTAL_DIR=(\S+)/)?.[1];
    expect(portalDir).toBeDefined();
    expect(runtimeText).toMatch(new RegExp(`^COPY --from=build \\S*apps/portal/dist ${portalDir}$`, "m"));
  });
});

describe(".dockerignore", () => {
  it("keeps host build output, dependencies, data and git out of the context", () => {
    const entries = read(".dockerignore").split(/\r?\n/).map((l) => l.trim());
    for (const name of ["node_modules", "dist", ".data", ".git", ".turbo"]) {
      expect(entries.some((e) => e === name || e === `**/${name}`), name).toBe(true);
    }
  });
});

describe(".ci/run", () => {
  it("is an executable bash script that parses", () => {
    const file = join(root, ".ci/run");
    expect(statSync(file).mode & 0o111).not.toBe(0);
    const text = read(".ci/run");
    expect(text.split("\n")[0]).toMatch(/^#!.*bash/);
    expect(text).toMatch(/^set -euo pipefail$/m);
    const res = spawnSync("bash", ["-n", file], { encoding: "utf8" });
    expect(res.stderr).toBe("");
    expect(res.status).toBe(0);
  });

  it("ends with the test summary, so its closing line is the last one printed", () => {
    const text = read(".ci/run");
    expect(text).toContain("node scripts/test-summary.mjs");
    expect(text).toContain("pnpm test");
  });
});
