// One lint configuration for every workspace: typescript-eslint's recommended rules,
// plus the boundary rule from DESIGN.md (packages never import apps).
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["**/dist/**", "**/node_modules/**", "**/drizzle/**", "**/.turbo/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["packages/**/*.ts"],
    // packages/bench drives the whole product end to end, like a user would; it ships nothing.
    ignores: ["packages/bench/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: ["@hindsight/api", "@hindsight/portal", "@hindsight/cli"] }],
    },
  },
);
