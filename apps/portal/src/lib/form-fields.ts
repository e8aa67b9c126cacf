// Controlled text fields with per-field errors, for the small forms (sign-in, sign-up, set-up,
// password change). Typing in a field clears its error; zod issues map to the first message per field.
import { useState, type ChangeEvent } from "react";

/** What a failed zod parse carries (structurally, so the portal needs no zod import of its own). */
interface IssueList {
  issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>;
}

/** The first message of each top-level field in a zod error. */
export function zodFieldErrors(error: IssueList): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path[0];
    if (typeof key === "string" && !(key in out)) out[key] = issue.message;
  }
  return out;
}

export function useFormFields<F extends string>(initial: Record<F, string>) {
  const [values, setValues] = useState(initial);
  const [errors, setErrorState] = useState<Partial<Record<F, string>>>({});
  const setErrors = (next: Record<string, string>) => setErrorState(next as Partial<Record<F, string>>);
  const field = (name: F) => ({
    value: values[name],
    error: errors[name],
    onChange: (event: ChangeEvent<HTMLInputElement>) => {
      const value = event.currentTarget.value;
      setValues((current) => ({ ...current, [name]: value }));
      setErrorState((current) => ({ ...current, [name]: undefined }));
    },
  });
  const reset = () => {
    setValues(initial);
    setErrorState({});
  };
  return { values, errors, field, setErrors, reset };
}
