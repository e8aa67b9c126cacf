// What every service call needs: the database and the caller. Built per request by the API layer.
import type { Actor } from "@hindsight/domain";
import type { Db } from "@hindsight/db";

export interface ServiceContext {
  db: Db;
  actor: Actor;
  /** True when an external search engine is fed through the outbox. */
  useOutbox: boolean;
}
