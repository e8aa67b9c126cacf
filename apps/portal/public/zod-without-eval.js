// Zod under the API's Content-Security-Policy, which has no 'unsafe-eval' (apps/api
// src/plugins/security-headers.ts). Zod compiles each object schema with `new Function` when it may and
// finds out by trying once, as the first schema is built: the CSP refuses that and reports a violation.
// Zod reads its global configuration from globalThis.__zod_globalConfig; this classic script runs
// before the portal's module scripts (those are deferred), so no schema is ever built with eval.
globalThis.__zod_globalConfig = Object.assign(globalThis.__zod_globalConfig || {}, { jitless: true });
