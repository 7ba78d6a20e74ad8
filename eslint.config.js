// Dogfood: purpose-lint's own code under typescript-eslint's strict type-checked rules and its own plugin.
import tseslint from "typescript-eslint";
import purpose from "./dist/rules/index.js";

export default [
  { ignores: ["dist/**", "node_modules/**", "fixtures/**", ".bench/**", "test/rule-fixtures/**", "scripts/**/*.mjs", "eslint.config.js", "vitest.config.ts"] },
  ...tseslint.configs.strictTypeChecked,
  purpose.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Counts and positions in messages and keys are numbers by design.
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true }],
      // The engine's worklists pop what they just checked; `!` there is deliberate.
      "@typescript-eslint/no-non-null-assertion": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["src/analysis/**/*.ts"],
    rules: {
      // Compiler nodes type `parent` as always present, yet a SourceFile has none and the walks up the tree
      // check for it; and summaries set fields during calls that narrowing cannot see.
      "@typescript-eslint/no-unnecessary-condition": "off",
    },
  },
];
