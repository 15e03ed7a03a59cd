#pragma once
// Storage of organisations, inside the caller's transaction.
#include <optional>

#include "db/database.h"
#include "domain/organisations/model.h"

namespace cohort::organisations::store {

// kConflict when the slug is taken.
Result<void> Insert(db::Tx& tx, const Organisation& o);
Result<std::optional<Organisation>> Get(db::Tx& tx, const std::string& id);
// Ordered by id (creation time); `after` is the last id of the previous page.
Result<std::vector<Organisation>> List(db::Tx& tx, const std::string& after, int limit);

}  // namespace cohort::organisations::store
