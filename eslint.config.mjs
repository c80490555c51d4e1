import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["warn", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_", ignoreRestSiblings: true }],
    },
  },
  { ignores: [".next/**", ".data/**", "lib/generated/**", "node_modules/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
  {
    // One env module, validated at start (STYLE.md #9). The sandbox is its own program with its own env module.
    files: ["app/**", "components/**", "lib/**", "proxy.ts"],
    ignores: ["lib/env.ts", "lib/dev-secrets.ts"],
    rules: {
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "Read configuration through lib/env.ts." }],
    },
  },
  {
    files: ["sandbox/**"],
    ignores: ["sandbox/env.ts", "sandbox/process.ts"],
    rules: {
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "Read configuration through sandbox/env.ts." }],
    },
  },
  {
    // Only lib/ touches the database (DESIGN.md): routes call lib functions.
    files: ["app/**", "components/**", "proxy.ts", "sandbox/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["**/generated/prisma", "**/generated/prisma/*", "@prisma/client", "@prisma/client/*"], message: "Only lib/ uses the Prisma client." },
            { group: ["@/lib/db", "**/lib/db"], message: "Only lib/ uses the database; call a lib/ function." },
          ],
        },
      ],
    },
  },
];

export default config;
