// The infrastructure an app instance runs on, created once by buildApp and shared by every request.
import type { Database } from "@hindsight/db";
import type { SearchEngine } from "@hindsight/search";
import type { Config } from "./config.js";
import type { OidcClient } from "./identity/oidc.js";
import type { AppMetrics } from "./plugins/metrics.js";
import type { Mailer } from "./services/mailer.js";
import type { SearchLog } from "./services/search-log.js";
import type { SearchSync } from "./services/search-sync.js";

export interface AppDeps {
  config: Config;
  database: Database;
  /** The built-in admin user the configured admin token acts as. */
  adminUserId: string;
  engine: SearchEngine;
  searchSync: SearchSync;
  /** The single sign-on client when HINDSIGHT_OIDC_ISSUER is set. */
  oidc: OidcClient | null;
  /** Outgoing e-mail (digests) when HINDSIGHT_SMTP_URL is set. */
  mailer: Mailer | null;
  /** This instance's Prometheus metrics (plugins/metrics.ts); absent where no app runs (CLI). */
  metrics?: AppMetrics;
  /** Searches remembered for the knowledge gaps, written in batches off the request path. */
  searchLog?: SearchLog;
}
