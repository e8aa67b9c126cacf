// How progress through a collection reads on screen: the words next to a bar and the optimistic
// tick while a "mark read" is in flight. The numbers themselves always come from the API.

/** "3 of 5 read", or "Nothing to read yet" for an empty collection. */
export function progressText(done: number, total: number): string {
  if (total === 0) return "Nothing to read yet";
  return `${done} of ${total} read`;
}

/** The checkbox name the E2E contract pins: Mark “<entry title>” as read. */
export function markReadLabel(entryTitle: string): string {
  return `Mark “${entryTitle}” as read`;
}

/** The completed ids after toggling one item, keeping the others as they were. */
export function toggleCompleted(completed: readonly string[], itemId: string, done: boolean): string[] {
  const rest = completed.filter((id) => id !== itemId);
  return done ? [...rest, itemId] : rest;
}

/** Whole percent for an optimistic update; the API's figure replaces it when the request returns. */
export function percentOf(done: number, total: number): number {
  return total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 0;
}
