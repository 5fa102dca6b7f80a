// Prisma CLI configuration (generate, migrate diff). The app itself applies migrations at start-up
// (src/db/migrate.ts), so the CLI is only needed by developers changing the data model.
// DB_PROVIDER picks which generated schema the CLI works on; DATABASE_URL must be set for the
// JS engine (otherwise the CLI tries to download a native engine, which fails offline).
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";

const provider = process.env.DB_PROVIDER === "postgres" ? "postgres" : "sqlite";
process.env.DATABASE_URL ||=
  provider === "postgres" ? "postgresql://postgres@127.0.0.1:5432/test" : "file:./data/cli.db";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: `prisma/${provider}/schema.prisma`,
  migrations: { path: `prisma/${provider}/migrations` },
  adapter: async () =>
    provider === "postgres"
      ? new PrismaPg({ connectionString: process.env.DATABASE_URL! })
      : new PrismaBetterSQLite3({ url: process.env.DATABASE_URL! }),
});
