#pragma once
// Templates a network publishes for its members (docs/api/networks.md
// "Templates"): a programme with its call, application form and the
// rubrics of its selection stages, taken as a snapshot from an intake. A
// member adopts one into a new programme and intake of its own — an
// unpublished call without dates — and adapts it there like any other.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/request_context.h"
#include "db/database.h"
#include "domain/audit/trail.h"

namespace cohort::networks {

struct Template {
  std::string id, network_id, title, description, source_organisation_id, source_organisation_name;
  // {"programme": {"name", "description"}, "call": call settings without
  // window, "stages": [{"kind", "settings"}]}
  nlohmann::json content;
  std::string published_at;
  std::int64_t adoptions = 0;
};

struct Adoption {
  std::string template_id, organisation_id, programme_id, intake_id;
};

// What a member gives when adopting: its programme's code and the first intake.
struct AdoptionRequest {
  std::string organisation_id, code, intake_name, starts_on, ends_on, time_zone;
  int capacity = 0;
};

class Templates {
 public:
  Templates(db::Database& db, const audit::Trail& trail) : db_(db), trail_(trail) {}

  // Network administrators who also manage the intake's programme (its
  // organisation a member). kInvalidArgument at title (required, too_long),
  // description (too_long), intake_id (unknown_intake: none they manage, or
  // its call missing; not_a_member: its organisation is not a member).
  Result<Template> Publish(const RequestContext& ctx, const std::string& network_id, const std::string& title,
                           const std::string& description, const std::string& intake_id);
  Result<std::vector<Template>> List(const RequestContext& ctx, const std::string& network_id);  // newest first
  Result<Template> Get(const RequestContext& ctx, const std::string& template_id);
  // Administrators and coordinators of a member organisation. kInvalidArgument
  // at organisation_id (not_a_member) and as for a new programme (code) and
  // intake (name, starts_on, ends_on, capacity, time_zone).
  Result<Adoption> Adopt(const RequestContext& ctx, const std::string& template_id, const AdoptionRequest& in);

 private:
  db::Database& db_;
  const audit::Trail& trail_;
};

}  // namespace cohort::networks
