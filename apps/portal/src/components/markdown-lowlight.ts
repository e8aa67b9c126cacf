// lowlight (highlight.js core) on its own, loaded by markdown-highlight.ts the first time a body has
// code to highlight. A named re-export, so the bundle keeps createLowlight and not the grammar sets
// (`common`, `all`) that lowlight's index also exports.
export { createLowlight } from "lowlight";
