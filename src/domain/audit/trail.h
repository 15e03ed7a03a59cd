#pragma once
// Writing and checking the audit chain. The HMAC key never lives in the
// database: a copy of the database alone is not enough to forge the chain.
#include <string>
#include <vector>

#include "core/request_context.h"
#include "db/database.h"
#include "domain/audit/model.h"

namespace cohort::audit {

class Trail {
 public:
  // `key`: at least 32 bytes of secret.
  explicit Trail(std::string key) : key_(std::move(key)) {}

  // Appends `entry` inside the caller's transaction, as `ctx.actor`, at
  // ctx.clock's time. Fails only when the database does.
  Result<void> Append(db::Tx& tx, const RequestContext& ctx, const Entry& entry) const;

  // Walks the whole chain; names the first row that was changed, deleted,
  // inserted or moved.
  Result<VerifyReport> Verify(db::Database& db) const;

  // The entries about one subject, oldest first.
  static Result<std::vector<Record>> History(db::Tx& tx, const std::string& subject_type,
                                             const std::string& subject_id);

 private:
  std::string Mac(const Record& r, const std::string& prev) const;
  std::string key_;
};

// Reads the key from `path`, creating it (32 random bytes, mode 0600) when
// absent and `create` is set. Several nodes must share one key file.
Result<std::string> LoadOrCreateKey(const std::string& path, bool create);

}  // namespace cohort::audit
