// tRPC core: the request context, the error formatter (zod -> field errors, domain errors -> codes)
// and the procedure variants. Routers stay thin: validate, authorise, call a service, return.
import type { Actor } from "@hindsight/domain";
import { DomainError, Unauthorized, isAdmin, Forbidden, findUnsafeInput, Invalid, unsafeInputMessage } from "@hindsight/domain";
import { initTRPC, TRPCError } from "@trpc/server";
import type { FastifyReply, FastifyRequest } from "fastify";
import { ZodError } from "zod";
import type { AppDeps } from "./deps.js";
import { fieldErrorsOf, toTRPCError } from "./errors.js";
import { serviceContext } from "./services/context.js";

export interface Context {
  deps: AppDeps;
  actor: Actor | null;
  req: FastifyRequest;
  res: FastifyReply;
}

const t = initTRPC.context<Context>().create({
  isDev: false,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    const fieldErrors = cause instanceof ZodError ? fieldErrorsOf(cause) : undefined;
    const domain = cause instanceof DomainError ? cause.details : undefined;
    const { stack: _stack, ...data } = shape.data;
    return {
      ...shape,
      message: error.code === "INTERNAL_SERVER_ERROR" ? "Something went wrong on our side" : shape.message,
      data: { ...data, fieldErrors: fieldErrors ?? (domain?.fieldErrors as Record<string, string[]> | undefined) ?? null, details: domain ?? null },
    };
  },
});

export const router = t.router;

/** Turns thrown domain errors into tRPC errors once, for every procedure. */
const mapErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const err = result.error;
    if (err.code === "INTERNAL_SERVER_ERROR" && err.cause && !(err.cause instanceof TRPCError)) {
      const mapped = toTRPCError(err.cause);
      if (mapped.code !== "INTERNAL_SERVER_ERROR") throw mapped;
    }
  }
  return result;
});

/** A NUL byte, a prototype key or absurd nesting is refused before any schema or service sees it. */
const refuseUnsafeInput = t.middleware(async ({ getRawInput, next }) => {
  const found = findUnsafeInput(await getRawInput());
  if (found) throw toTRPCError(new Invalid(unsafeInputMessage(found), { [found.path || "input"]: [found.problem] }));
  return next();
});

export const publicProcedure = t.procedure.use(mapErrors).use(refuseUnsafeInput);

export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.actor) throw toTRPCError(new Unauthorized());
  const services = serviceContext(ctx.deps, ctx.actor);
  return next({ ctx: { ...ctx, actor: ctx.actor, services } });
});

export const adminProcedure = authedProcedure.use(({ ctx, next }) => {
  if (!isAdmin(ctx.actor)) throw toTRPCError(new Forbidden("Admins only"));
  return next();
});
