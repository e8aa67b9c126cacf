// Types for scripts/bundle-size.mjs, so the portal's TypeScript budget test and e2e suite can import it.
export interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
export type Manifest = Record<string, ManifestChunk>;
export interface PageSpec {
  name: string;
  /** Where a person lands (":slug" stands for any entry). */
  path: string;
  /** Manifest keys of the lazy modules this page's first visit loads, beside EVERY_PAGE_LAZY. */
  lazy: string[];
}
export interface FileSize {
  file: string;
  kind: "js" | "css" | "html";
  bytes: number;
  gzip: number;
}
export interface PageMeasurement {
  name: string;
  path: string;
  lazy: string[];
  files: FileSize[];
  totalBytes: number;
  totalGzip: number;
  jsGzip: number;
  cssGzip: number;
  htmlGzip: number;
}
export interface BundleMeasurement {
  entry: string;
  highlighting: { lowlightGzip: number; grammars: number; grammarGzipMedian: number; grammarGzipMax: number };
  pages: PageMeasurement[];
}
export const DEFAULT_BUDGET_KB: number;
export const DEFAULT_DIST: string;
export const EVERY_PAGE_LAZY: string[];
export const PAGES: PageSpec[];
export const CONTENT_LAZY: RegExp[];
export function contentLazyFiles(manifest: Manifest): Map<string, string[]>;
export function entryKey(manifest: Manifest): string;
export function staticClosure(manifest: Manifest, keys: string[]): string[];
export function initialFiles(manifest: Manifest, key?: string): string[];
export function pageFiles(manifest: Manifest, page: PageSpec, everyPage?: string[]): string[];
export function htmlScripts(html: string): string[];
export function gzipSize(buffer: Uint8Array): number;
export function measurePages(dist?: string, pages?: PageSpec[]): BundleMeasurement;
export function formatTable(result: BundleMeasurement, budgetKb?: number): string;
