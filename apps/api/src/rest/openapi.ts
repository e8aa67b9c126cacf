// The OpenAPI document of /api/v1 and its reference page. Nothing here is written by hand twice: the
// routes declare their zod schemas (domain and REST modules), `zodValidatorCompiler` makes those schemas
// the routes' validation, and the swagger `transform` turns the same schemas into JSON Schema with zod's
// own `z.toJSONSchema` when @fastify/swagger builds the document.
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { FastifyInstance, FastifySchema, FastifySchemaCompiler, FastifySerializerCompiler } from "fastify";
import fp from "fastify-plugin";
import { ZRestError } from "@hindsight/domain";
import { z } from "zod";

export const OPENAPI_PATH = "/api/v1/openapi.json";
export const DOCS_PATH = "/api/docs";
export const BEARER_AUTH = "bearerAuth";
export const SLACK_SIGNATURE = "slackSignature";

/** The error answers a route can give, for the document. */
export function restErrors(...codes: (400 | 401 | 403 | 404 | 409 | 413)[]): Record<number, z.ZodType> {
  const said: Record<number, string> = {
    400: "bad input, naming each bad field",
    401: "missing, unknown or revoked token",
    403: "not allowed (e.g. a team you do not belong to)",
    404: "no such entry, or one you may not read",
    409: "conflict (a newer version, or a transition the entry's status does not allow)",
    413: "the body is too large",
  };
  return Object.fromEntries(codes.map((c) => [c, ZRestError.describe(said[c]!)]));
}

const handlerValidated = new WeakSet<object>();

/**
 * Marks a route schema the handler validates itself, with the schemas it is built from: bodies that are
 * one of several shapes (one entry or a batch) keep the error paths of the shape that was sent
 * (`entries.3.title`), which a union's "no variant matched" would lose. Documented, not checked twice.
 */
export function validatedInHandler<T extends z.ZodType>(schema: T): T {
  handlerValidated.add(schema);
  return schema;
}

function isZod(schema: unknown): schema is z.ZodType {
  return typeof schema === "object" && schema !== null && "_zod" in schema;
}

/**
 * Validates with the route's zod schema and hands the ZodError to the REST error handler, which answers
 * it like any other bad input (400 with fieldErrors). Plain JSON Schemas (a zip upload's binary body)
 * only document.
 */
export const zodValidatorCompiler: FastifySchemaCompiler<unknown> = ({ schema }) => {
  if (!isZod(schema) || handlerValidated.has(schema)) return (data) => ({ value: data });
  return (data) => {
    const result = schema.safeParse(data);
    return result.success ? { value: result.data } : { error: result.error };
  };
};

/** Response schemas document the answers; serialising stays plain JSON (no field is ever dropped). */
export const jsonSerializerCompiler: FastifySerializerCompiler<unknown> = () => (data) => JSON.stringify(data);

function toJsonSchema(schema: unknown, io: "input" | "output"): unknown {
  if (!isZod(schema)) return schema;
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Record<string, unknown>;
  return json;
}

/** A route schema part: a zod schema, or `{ content: { <media type>: { schema } } }` (several media types). */
function convertPart(part: unknown, io: "input" | "output"): unknown {
  if (typeof part === "object" && part !== null && !isZod(part) && "content" in part) {
    const content = (part as { content: Record<string, { schema: unknown }> }).content;
    return {
      ...part,
      content: Object.fromEntries(Object.entries(content).map(([type, media]) => [type, { ...media, schema: toJsonSchema(media.schema, io) }])),
    };
  }
  return toJsonSchema(part, io);
}

/** The document's view of one route: /api/v1 only, zod turned into JSON Schema. */
export function documentRoute({ schema, url }: { schema?: FastifySchema; url: string }): { schema: FastifySchema; url: string } {
  if (!url.startsWith("/api/v1/") && url !== "/api/v1") return { schema: { ...schema, hide: true } as FastifySchema, url };
  if (!schema) return { schema: {}, url };
  const out: Record<string, unknown> = { ...schema };
  for (const key of ["body", "querystring", "params", "headers"] as const) {
    if (out[key] !== undefined) out[key] = convertPart(out[key], "input");
  }
  if (schema.response) {
    out.response = Object.fromEntries(Object.entries(schema.response as Record<string, unknown>).map(([code, r]) => [code, convertPart(r, "output")]));
  }
  return { schema: out as FastifySchema, url };
}

const DESCRIPTION = `The versioned REST surface of Hindsight for bots, CI jobs and curl.

Authenticate with \`Authorization: Bearer <token>\`: a personal API token (created in the portal under your
profile; shown once, stored hashed, revocable) or the server's \`HINDSIGHT_ADMIN_TOKEN\`. Cookies are not
accepted here. Errors are JSON, \`{"error": {"code", "message", "fieldErrors"?}}\`; entries you may not read
answer 404, exactly like missing ones.`;

/**
 * Registers @fastify/swagger (it must see every route, so it comes before them) and the reference page at
 * /api/docs, served from the swagger-ui files installed with the package: no CDN, works offline.
 */
export const openapiPlugin = fp(
  async (app: FastifyInstance, opts: { version: string }) => {
    await app.register(swagger, {
      openapi: {
        openapi: "3.1.0",
        info: { title: "Hindsight REST API", version: opts.version, description: DESCRIPTION },
        components: {
          securitySchemes: {
            [BEARER_AUTH]: { type: "http", scheme: "bearer", description: "A personal API token, or HINDSIGHT_ADMIN_TOKEN." },
            [SLACK_SIGNATURE]: {
              type: "apiKey",
              in: "header",
              name: "X-Slack-Signature",
              description: "v0= + HMAC-SHA256 of v0:<X-Slack-Request-Timestamp>:<raw body> under SLACK_SIGNING_SECRET.",
            },
          },
        },
        security: [{ [BEARER_AUTH]: [] }],
        tags: [
          { name: "entries", description: "Postmortems, fixes, runbooks, transcripts and game days" },
          { name: "import", description: "Markdown documents, Slack exports and chat logs" },
          { name: "search", description: "Full-text and error-fingerprint search" },
          { name: "chatops", description: "Slack webhooks (only when SLACK_SIGNING_SECRET is set)" },
          { name: "meta", description: "This document" },
        ],
      },
      transform: documentRoute,
    });
    await app.register(swaggerUi, {
      routePrefix: DOCS_PATH,
      // The "valid" badge would call an outside validator service.
      validatorUrl: false,
      uiConfig: { deepLinking: true, docExpansion: "list" },
    });
  },
  { name: "hindsight-openapi" },
);
