// The sign-in and sign-up schemas, in a chunk of their own: zod is a third of the sign-in page's
// weight, and a form needs its schema only when it is submitted. sign-in-page.tsx starts loading this
// module when a form first takes focus, so it is there by the time anyone submits.
export { ZSignInInput, ZSignUpInput } from "@hindsight/domain";
