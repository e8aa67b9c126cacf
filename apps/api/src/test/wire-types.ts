// Wire shapes used by the tests (dates arrive as strings over JSON).
export interface Entry {
  id: string;
  slug: string;
  title: string;
  status: string;
  version: number;
  publishedAt: string | null;
}
export interface EntryPage {
  items: { id: string; title: string }[];
  nextCursor: string | null;
}
export interface Revision {
  version: number;
  snapshot: { body: string; title: string };
}
