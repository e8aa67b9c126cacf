// One lint configuration for every workspace: typescript-eslint's recommended rules,
// plus the boundary rule from DESIGN.md (packages never import apps) and no import circles
// (a circle means two modules own each other's concepts; break it by moving the shared part down).
import js from "@eslint/js";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";
import importX from "eslint-plugin-import-x";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["**/dist/**", "**/node_modules/**", "**/drizzle/**", "**/.turbo/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { "import-x": importX },
    settings: {
      // Which files import-x reads to follow imports (its TypeScript preset's), and how it resolves them.
      "import-x/extensions": importX.flatConfigs.typescript.settings["import-x/extensions"],
      "import-x/parsers": importX.flatConfigs.typescript.settings["import-x/parsers"],
      "import-x/resolver-next": [
        createTypeScriptImportResolver({ noWarnOnMultipleProjects: true, project: ["apps/*/tsconfig.json", "packages/*/tsconfig.json", "bench/tsconfig.json", "apps/portal/e2e/tsconfig.json"].map((p) => `${import.meta.dirname}/${p}`) }),
      ],
    },
    rules: {
      // Workspace packages are built (dist) and one-way by the rule below; circles are looked for within a workspace.
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Packages sit below the apps and never import them. The top-level bench/ workspace drives the
    // whole product end to end like a user would; it sits above the apps and nothing imports it.
    files: ["packages/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: ["@hindsight/api", "@hindsight/portal", "@hindsight/cli"] }],
    },
  },
);
