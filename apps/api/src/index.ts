// @hindsight/api as a library: the app factory and the router type the portal imports.
export { buildApp, type BuildOptions } from "./app.js";
export { loadConfig, type Config } from "./config.js";
export type { AppRouter } from "./router.js";
