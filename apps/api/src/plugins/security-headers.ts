// Security headers on every answer (@fastify/helmet): the Content-Security-Policy the portal and the
// API reference page run under, no framing, no MIME sniffing, a strict referrer, and HSTS when people
// reach Hindsight over TLS (config.hsts).
import helmet from "@fastify/helmet";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import type { Config } from "../config.js";

/**
 * The CSP directives. Scripts only from our own origin: the built portal is module scripts under
 * /assets and the reference page's scripts are files too (swagger-initializer.js), so no inline script
 * and no eval is ever needed. Styles allow 'unsafe-inline' because Mantine and Swagger UI set style
 * attributes and inject <style> elements; a style cannot run code. Images may come from any https
 * origin because entries embed screenshots hosted elsewhere (markdown images), and data: for icons.
 */
export function cspDirectives(config: Pick<Config, "hsts">): Record<string, string[]> {
  return {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "script-src-attr": ["'none'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "https:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    // Only over TLS: on plain http it would send every asset request to an https port nobody serves.
    ...(config.hsts ? { "upgrade-insecure-requests": [] } : {}),
  };
}

export const securityHeaders = fp(
  async (app: FastifyInstance, opts: { config: Config }) => {
    await app.register(helmet, {
      contentSecurityPolicy: { useDefaults: false, directives: cspDirectives(opts.config) },
      // Two years, as the HSTS preload list asks; off unless the public URL is https (or HINDSIGHT_HSTS=true).
      strictTransportSecurity: opts.config.hsts ? { maxAge: 63_072_000, includeSubDomains: true } : false,
      referrerPolicy: { policy: "strict-origin-when-cross-origin" },
      // Cross-origin isolation headers would stop entries' embedded images from other hosts loading.
      crossOriginEmbedderPolicy: false,
      xFrameOptions: { action: "deny" },
    });
  },
  { name: "hindsight-security-headers" },
);
