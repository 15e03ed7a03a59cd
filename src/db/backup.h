#pragma once
// Consistent backups. SQLite: the online backup API copies a consistent
// snapshot while the server keeps running. PostgreSQL: pg_dump (custom
// format) and pg_restore, which must be on PATH or in
// /usr/lib/postgresql/15/bin.
#include <string>

#include "core/error.h"

namespace cohort::db {

// Writes a backup of the database at `url` to `file` (replaced if present).
Result<void> Backup(const std::string& url, const std::string& file);

// Replaces the contents of the database at `url` with the backup in `file`.
// For SQLite no server may be running on that file.
Result<void> Restore(const std::string& url, const std::string& file);

}  // namespace cohort::db
