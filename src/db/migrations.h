#pragma once
// Numbered, append-only schema migrations compiled into the binary from
// migrations/NNNN_name.sql. Where SQL differs between engines a migration
// has NNNN_name.sqlite.sql and NNNN_name.postgresql.sql instead of the
// common file.
#include <string>
#include <vector>

#include "core/embedded_file.h"
#include "db/database.h"

namespace cohort::db {

struct Migration {
  int version = 0;
  std::string name;
  std::string sql;  // for the engine it was selected for
};

// The migrations for `engine`, in version order. Fails with kInternal when
// the embedded files are malformed (a build error, caught by unit tests).
Result<std::vector<Migration>> MigrationsFor(Engine engine, const std::vector<EmbeddedFile>& files);

// Applies every migration not yet recorded in schema_migrations, all in one
// transaction (several nodes starting at once on PostgreSQL serialise on an
// advisory lock). Returns how many were applied.
Result<int> Migrate(Database& db);

// The highest applied version, 0 for an empty database.
Result<int> SchemaVersion(Database& db);
// The highest version this binary knows.
int LatestSchemaVersion();

const std::vector<EmbeddedFile>& EmbeddedMigrations();

// A normalised, engine-specific text of the schema (tables, columns,
// indexes, constraints), compared with a checked-in dump by a test.
Result<std::string> DumpSchema(Database& db);

}  // namespace cohort::db
