#pragma once
// Organisation use cases.
#include "core/request_context.h"
#include "db/database.h"
#include "domain/audit/trail.h"
#include "domain/organisations/model.h"

namespace cohort::organisations {

class Service {
 public:
  Service(db::Database& db, const audit::Trail& trail) : db_(db), trail_(trail) {}

  // Creates an organisation. kUnauthenticated / kPermissionDenied unless a
  // platform administrator asks; kInvalidArgument with field errors for a
  // bad or taken slug, an empty name, a malformed country code.
  Result<Organisation> Create(const RequestContext& ctx, const NewOrganisation& input);

  // Public: organisations are named on their open calls. kNotFound when
  // absent.
  Result<Organisation> Get(const RequestContext& ctx, const std::string& id);

  // Public list, ordered by creation; `limit` 1..100; `cursor` from the
  // previous page (kInvalidArgument when malformed).
  Result<Page> List(const RequestContext& ctx, int limit, const std::string& cursor);

 private:
  db::Database& db_;
  const audit::Trail& trail_;
};

}  // namespace cohort::organisations
