# Hindsight: one image serving the API and the built portal.
#
#   docker build -t hindsight .
#   docker run -p 3000:3000 -v hindsight-data:/data hindsight      # embedded PGlite in /data
#   docker compose up                                              # Postgres + Meilisearch topology
#
# Stages: `deps` fills the pnpm store from the lockfile alone (cached until the
# lockfile changes), `build` installs offline from it and compiles the api (with
# the workspace packages it uses) and the portal, then `pnpm deploy` makes a
# self-contained production tree for @hindsight/api; `runtime` is that tree plus
# the portal's static files, run as a non-root user.

ARG NODE_IMAGE=node:20-bookworm-slim
ARG PNPM_VERSION=10.34.9

FROM ${NODE_IMAGE} AS base
ARG PNPM_VERSION
ENV CI=true \
    TURBO_TELEMETRY_DISABLED=1 \
    DO_NOT_TRACK=1 \
    NPM_CONFIG_UPDATE_NOTIFIER=false
# corepack's signature check fails on our machines; npm is the reliable route.
RUN npm i -g pnpm@${PNPM_VERSION} --no-fund --no-audit --loglevel=error
WORKDIR /app

FROM base AS deps
# Only what `pnpm fetch` reads, so this layer survives source edits.
COPY pnpm-lock.yaml pnpm-workspace.yaml package.json ./
RUN pnpm fetch --frozen-lockfile

FROM deps AS build
COPY . .
RUN pnpm install --frozen-lockfile --offline
RUN pnpm turbo run build --filter=@hindsight/api --filter=@hindsight/portal
# pnpm 10 deploys only with injected workspace packages. Turning that on for the
# deploy alone copies each workspace dependency (with its built dist/ and any
# runtime files such as SQL migrations) into the deployed node_modules, resolved
# from the same lockfile, dev dependencies left out.
RUN pnpm --config.inject-workspace-packages=true --filter=@hindsight/api \
      deploy --prod --offline /out/apps/api \
 && test -f /out/apps/api/dist/server.js \
 && test -f apps/portal/dist/index.html

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    DATA_DIR=/data \
    PORTAL_DIR=/app/apps/portal/dist
WORKDIR /app
# Same layout as the repo, so paths relative to the repo root keep working.
# Code stays root-owned and read-only to the app; only /data is writable.
COPY --from=build /out/apps/api /app/apps/api
COPY --from=build /app/apps/portal/dist /app/apps/portal/dist
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
# `node` (uid 1000) comes with the base image.
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz',{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# server.ts handles SIGTERM/SIGINT itself (graceful close); no shell in between.
CMD ["node", "apps/api/dist/server.js"]
