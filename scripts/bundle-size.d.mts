// Types for scripts/bundle-size.mjs, so the portal's TypeScript budget test can import it.
export interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
export type Manifest = Record<string, ManifestChunk>;
export interface ChunkSize {
  file: string;
  bytes: number;
  gzip: number;
}
export interface BundleMeasurement {
  entry: string;
  chunks: ChunkSize[];
  totalBytes: number;
  totalGzip: number;
}
export const DEFAULT_BUDGET_KB: number;
export const DEFAULT_DIST: string;
export function entryKey(manifest: Manifest): string;
export function initialFiles(manifest: Manifest, key?: string): string[];
export function gzipSize(buffer: Uint8Array): number;
export function measureBundle(dist?: string): BundleMeasurement;
export function formatTable(result: BundleMeasurement, budgetKb?: number): string;
