// The same-origin proof the portal sends and the API requires. A module of its own, with no schemas,
// so the portal's first download gets the header's name without loading zod.

/**
 * The header the portal sends with every request, proving it comes from a page of Hindsight's own
 * origin: a cross-site page cannot add a custom header without a CORS preflight, which the API refuses.
 * Requests a session cookie authenticates (and every tRPC mutation, so sign-in too) must carry it.
 */
export const CSRF_HEADER = "x-hindsight-csrf";
export const CSRF_HEADER_VALUE = "1";
