// The provider-specific header that turns prisma/schema.base.prisma into a full schema.
// Shared by the generator script and the drift test so both compute the same text.
export type Provider = "sqlite" | "postgres";

const header = (
  provider: Provider,
) => `// GENERATED from prisma/schema.base.prisma by \`npm run db:generate\`. Do not edit.
generator client {
  provider     = "prisma-client"
  engineType   = "client"
  output       = "../../src/generated/${provider}"
  moduleFormat = "esm"
}

datasource db {
  provider = "${provider === "postgres" ? "postgresql" : "sqlite"}"
  url      = env("DATABASE_URL")
}

`;

export function providerSchemas(base: string): Record<Provider, string> {
  return { sqlite: header("sqlite") + base, postgres: header("postgres") + base };
}
