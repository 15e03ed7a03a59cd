#pragma once
// Demo network (issue 7): the International Volunteer Center of member
// countries. The Beynəlxalq Könüllülər Mərkəzi, the Youth Foundation and
// volunteer networks of Kazakhstan and Uzbekistan are members; Kazakhstan
// chaired 2025 and handed over to Azerbaijan for 2026. The chair has set
// the 2026 yearly report form, and Kazakhstan has filed its report. Volunteer
// Week in Sheki, hosted with the Youth Foundation as partner, has its agenda
// and Kazakhstan's delegation; registration is still open.
#include <string>
#include <vector>

#include "app/demo.h"
#include "core/clock.h"
#include "db/database.h"
#include "domain/audit/trail.h"

namespace cohort::app {

// Goes through the real use cases; answers the logins it made.
Result<std::vector<DemoLogin>> LoadDemoNetwork(db::Database& db, const audit::Trail& trail, const Clock& clock,
                                               const std::string& platform_admin_id, const std::string& ivc_id,
                                               const std::string& youth_foundation_id);

}  // namespace cohort::app
