import js from "@eslint/js";
import tseslint from "typescript-eslint";
import pulumi from "@pulumi/eslint-plugin";
import { createNodeResolver, importX } from "eslint-plugin-import-x";

/** Relative imports into the repository's top-level `dirs`. */
const above = (...dirs) => dirs.flatMap((d) => [`**/${d}`, `**/${d}/**`]);

/** A `no-restricted-imports` rule for the files of one layer. */
const layer = (files, message, group) => {
  // "aigov" alone is the components package; gitignore-style patterns would also match "aigov/sdk".
  const paths = group.includes("aigov") ? [{ name: "aigov", message }] : [];
  const patterns = [{ group: group.filter((g) => g !== "aigov"), message }];
  return { files, rules: { "no-restricted-imports": ["error", { paths, patterns }] } };
};

export default tseslint.config(
  {
    ignores: [
      "**/node_modules/**",
      "dist/**",
      "**/dist/**",
      "coverage/**",
      "bench/results/**",
      ".engine/**",
      ".cache/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    plugins: { "@pulumi": pulumi },
    languageOptions: {
      parserOptions: { project: ["./tsconfig.json"], tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@pulumi/no-output-in-template-literal": "error",
      "@pulumi/no-output-instance-in-template-literal": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
    },
  },
  // No import cycles among the package's own modules (relative imports, `.ts` sources).
  {
    files: ["**/*.ts"],
    plugins: { "import-x": importX },
    settings: {
      "import-x/resolver-next": [createNodeResolver({ extensions: [".ts", ".js", ".json"] })],
      "import-x/extensions": [".ts", ".js"],
      "import-x/parsers": { "@typescript-eslint/parser": [".ts"] },
    },
    rules: { "import-x/no-cycle": ["error", { ignoreExternal: true }] },
  },
  // Layering (sdk → components, pack, cli → templates, examples, bench): the sdk is pure and
  // imports no Pulumi SDK; components, the pack and the CLI do not import each other.
  layer(["sdk/**/*.ts"], "the sdk is pure: no Pulumi SDK, components, pack or CLI", [
    "@pulumi/*",
    "aigov",
    ...above("components", "cli", "policy-packs", "templates"),
  ]),
  layer(["components/**/*.ts"], "components use the sdk only", [
    ...above("cli", "policy-packs", "templates"),
  ]),
  layer(["cli/**/*.ts"], "the CLI runs packs as processes and programs through Pulumi", [
    "aigov",
    ...above("components", "policy-packs", "templates"),
  ]),
  layer(["policy-packs/**/*.ts"], "the pack uses the sdk only", [
    "aigov",
    ...above("components", "cli", "templates"),
  ]),
  {
    files: ["**/*.js", "**/*.mjs"],
    languageOptions: {
      globals: {
        require: "readonly",
        module: "writable",
        process: "readonly",
        console: "readonly",
        __dirname: "readonly",
        setInterval: "readonly",
        clearInterval: "readonly",
      },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
