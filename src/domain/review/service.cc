#include "domain/review/service.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <set>
#include <unordered_map>

#include "core/id.h"
#include "core/time_format.h"
#include "domain/accounts/service.h"
#include "domain/applications/service.h"
#include "domain/notifications/outbox.h"
#include "domain/organisations/service.h"
#include "domain/programmes/eligibility.h"
#include "domain/programmes/service.h"
#include "domain/review/policy.h"
#include "domain/review/settings.h"
#include "domain/review/workflow.h"
#include "engines/assignment.h"
#include "engines/ranking.h"
#include "engines/scoring.h"

namespace cohort::review {
namespace {

using nlohmann::json;

// Objects reached by their own id are "not found" to people outside the
// organisation, so ids do not confirm what exists elsewhere.
Result<organisations::Roles> RolesOrHidden(db::Tx& tx, const RequestContext& ctx, const std::string& organisation_id,
                                           const char* what) {
  auto roles = organisations::StaffRoles(tx, ctx, organisation_id);
  if (!roles) return roles.error();
  if (ctx.actor.authenticated() && !ctx.actor.is_platform_admin && roles->empty()) {
    return Error::NotFound(std::string("no such ") + what);
  }
  return roles;
}

Result<void> CanManage(db::Tx& tx, const RequestContext& ctx, const std::string& organisation_id, const char* what) {
  auto roles = RolesOrHidden(tx, ctx, organisation_id, what);
  if (!roles) return roles.error();
  if (auto d = CanManageSelection(ctx.actor, *roles); !d.allowed) return Denied(ctx.actor, d);
  return Ok();
}

Result<programmes::Call> CallOfIntake(db::Tx& tx, const std::string& intake_id) {
  auto intake = programmes::FindIntake(tx, intake_id);
  if (!intake) return intake.error();
  if (!*intake) return Error::NotFound("no such intake");
  auto call = programmes::FindCallOfIntake(tx, intake_id);
  if (!call) return call.error();
  if (!*call) return Error::NotFound("this intake has no call yet");
  return std::move(**call);
}

Result<programmes::Call> CallOfStage(db::Tx& tx, const Stage& stage) {
  auto call = programmes::FindCall(tx, stage.call_id);
  if (!call) return call.error();
  if (!*call) return Error::Internal("stage without call: " + stage.id);
  return std::move(**call);
}

// A stage that staff of its organisation manage.
Result<Stage> ManagedStage(db::Tx& tx, const RequestContext& ctx, const std::string& stage_id) {
  if (!LooksLikeId(stage_id)) return Error::NotFound("no such stage");
  auto stage = store::GetStage(tx, stage_id);
  if (!stage) return stage.error();
  if (!*stage) return Error::NotFound("no such stage");
  if (auto a = CanManage(tx, ctx, (*stage)->organisation_id, "stage"); !a) return a.error();
  return std::move(**stage);
}

Result<void> Audit(db::Tx& tx, const audit::Trail& trail, const RequestContext& ctx, const std::string& org,
                   const char* type, const std::string& id, const char* action, const json& before, const json& after) {
  return trail.Append(tx, ctx,
                      {org, type, id, action, before.is_null() ? "" : before.dump(), after.is_null() ? "" : after.dump()});
}

json ReviewAudit(const Review& r) {
  json j = {{"stage_id", r.stage_id},   {"application_id", r.application_id}, {"reviewer_id", r.reviewer_id},
            {"state", r.state},         {"origin", r.origin},                 {"scores", r.scores},
            {"explanation", r.explanation}};
  if (r.total) j["total"] = *r.total;
  if (!r.conflict_reason.empty()) j["conflict_reason"] = r.conflict_reason;
  return j;
}

// The one way a review changes state (workflow.h): the move must be in
// the table; `change` fills in what the move sets; the row is saved against
// the version that was read and the change audited. A draft save is
// versioned but not audited (like an applicant's autosave).
Result<void> Transit(db::Tx& tx, const RequestContext& ctx, const audit::Trail& trail, Review& r, Action action,
                     const std::function<void(Review&)>& change = {}) {
  auto next = Next(r.state, action);
  if (!next) return next.error();
  const json before = ReviewAudit(r);
  const std::int64_t expected = r.version;
  r.state = *next;
  if (change) change(r);
  r.version = expected + 1;
  r.updated_at = FormatUtc(ctx.clock.Now());
  auto saved = store::SaveReview(tx, r, expected);
  if (!saved) return saved.error();
  if (!*saved) return Error::Conflict("the review was saved elsewhere").WithCode("stale_version");
  if (action == Action::kSave) return Ok();
  return Audit(tx, trail, ctx, r.organisation_id, "review", r.id, ToString(action).data(), before, ReviewAudit(r));
}

bool IsScored(const std::string& kind) { return kind == "review" || kind == "interview"; }

Error RubricRequired() {
  return Error::InvalidArgument("a rubric is required",
                                {{"settings.rubric", "required", "a review or interview stage needs at least one criterion"}});
}

// Conflict tags: normalised affiliation texts, numbered as they appear.
struct TagBook {
  std::unordered_map<std::string, std::uint32_t> ids;
  std::uint32_t Of(const std::string& text) {
    const std::string key = programmes::NormaliseForComparison(text);
    return ids.emplace(key, static_cast<std::uint32_t>(ids.size())).first->second;
  }
};

// The texts of an answer compared with affiliations: the universities of
// education entries, else the answer's text(s).
std::vector<std::string> AffiliationTexts(const json& answer) {
  std::vector<std::string> out;
  auto add = [&](const json& v) {
    if (v.is_string() && !v.get_ref<const std::string&>().empty()) out.push_back(v.get<std::string>());
  };
  if (answer.is_array()) {
    for (const auto& row : answer) {
      if (row.is_object()) add(row.value("university", json()));
      else add(row);
    }
  } else {
    add(answer);
  }
  return out;
}

engines::TagLists ToTagLists(std::vector<std::vector<std::uint32_t>>& lists) {
  engines::TagLists out;
  out.offsets.push_back(0);
  for (auto& l : lists) {
    std::sort(l.begin(), l.end());
    l.erase(std::unique(l.begin(), l.end()), l.end());
    out.tags.insert(out.tags.end(), l.begin(), l.end());
    out.offsets.push_back(static_cast<std::uint32_t>(out.tags.size()));
  }
  return out;
}

// Everything the assignment engine needs about one stage, and the maps
// back from its indices to ids.
struct AssignmentProblem {
  engines::AssignmentInput input;
  std::vector<store::EntryInfo> entries;      // by application index
  std::vector<StageReviewer> reviewers;       // by reviewer index
  std::map<std::string, std::uint32_t> application_index, reviewer_index;
};

Result<AssignmentProblem> BuildProblem(db::Tx& tx, const Stage& stage) {
  AssignmentProblem p;
  auto reviewers = store::Reviewers(tx, stage.id);
  if (!reviewers) return reviewers.error();
  p.reviewers = std::move(*reviewers);
  auto entries = store::EntryInfos(tx, stage.id, !stage.settings.conflict_fields.empty());
  if (!entries) return entries.error();
  auto all = store::ReviewLinks(tx, stage.id);
  if (!all) return all.error();
  auto conflicts = store::DeclaredConflicts(tx, stage.call_id);
  if (!conflicts) return conflicts.error();

  // Conflict tags: reviewers' affiliations and applications' answers in the
  // stage's conflict fields, numbered by their normalised text.
  TagBook book;
  std::vector<std::vector<std::uint32_t>> reviewer_tags(p.reviewers.size());
  std::map<std::uint32_t, std::uint32_t> reviewers_with_tag;
  for (std::size_t i = 0; i < p.reviewers.size(); ++i) {
    for (const auto& a : p.reviewers[i].affiliations) reviewer_tags[i].push_back(book.Of(a));
    std::sort(reviewer_tags[i].begin(), reviewer_tags[i].end());
    reviewer_tags[i].erase(std::unique(reviewer_tags[i].begin(), reviewer_tags[i].end()), reviewer_tags[i].end());
    for (auto t : reviewer_tags[i]) ++reviewers_with_tag[t];
  }
  std::map<std::string, std::vector<std::uint32_t>> tags_of;  // application id -> tags
  for (const auto& e : *entries) {
    auto& tags = tags_of[e.application_id];
    for (const auto& key : stage.settings.conflict_fields) {
      if (!e.answers.is_object() || !e.answers.contains(key)) continue;
      for (const auto& text : AffiliationTexts(e.answers[key])) tags.push_back(book.Of(text));
    }
  }
  // The engine serves applications in index order: the most constrained
  // (most reviewers in conflict) go first, so they are not left with only
  // reviewers already at their caps; ties by id keep it deterministic.
  std::map<std::string, std::uint32_t> conflicted;
  for (const auto& [app, tags] : tags_of) {
    for (auto t : tags) {
      auto it = reviewers_with_tag.find(t);
      if (it != reviewers_with_tag.end()) conflicted[app] += it->second;
    }
  }
  for (const auto& c : *conflicts) ++conflicted[c.first];
  std::stable_sort(entries->begin(), entries->end(), [&](const auto& a, const auto& b) {
    return conflicted[a.application_id] > conflicted[b.application_id];
  });
  p.entries = std::move(*entries);
  for (std::uint32_t i = 0; i < p.entries.size(); ++i) p.application_index[p.entries[i].application_id] = i;
  for (std::uint32_t i = 0; i < p.reviewers.size(); ++i) p.reviewer_index[p.reviewers[i].account_id] = i;

  auto& in = p.input;
  in.applications = static_cast<std::uint32_t>(p.entries.size());
  in.reviewers = static_cast<std::uint32_t>(p.reviewers.size());
  in.per_application = static_cast<std::uint32_t>(stage.settings.reviewers_per_application);
  for (const auto& row : *all) {
    if (!IsActive(row.state)) continue;
    // A reviewer removed from the stage keeps their submitted reviews: they
    // count toward the application's k, as a reviewer who takes no more.
    if (!p.reviewer_index.contains(row.reviewer_id)) {
      StageReviewer gone;
      gone.account_id = row.reviewer_id;
      gone.load_cap = -1;
      p.reviewer_index[gone.account_id] = static_cast<std::uint32_t>(p.reviewers.size());
      p.reviewers.push_back(std::move(gone));
      in.reviewers = static_cast<std::uint32_t>(p.reviewers.size());
    }
    auto a = p.application_index.find(row.application_id);
    auto r = p.reviewer_index.find(row.reviewer_id);
    if (a != p.application_index.end() && r != p.reviewer_index.end()) in.existing.emplace_back(a->second, r->second);
  }
  for (const auto& [app, reviewer] : *conflicts) {
    auto a = p.application_index.find(app);
    auto r = p.reviewer_index.find(reviewer);
    if (a != p.application_index.end() && r != p.reviewer_index.end()) in.declared_conflicts.emplace_back(a->second, r->second);
  }
  // Staff who applied themselves never review their own application.
  for (std::uint32_t a = 0; a < p.entries.size(); ++a) {
    auto r = p.reviewer_index.find(p.entries[a].applicant_id);
    if (r != p.reviewer_index.end()) in.declared_conflicts.emplace_back(a, r->second);
  }
  std::sort(in.declared_conflicts.begin(), in.declared_conflicts.end());
  in.declared_conflicts.erase(std::unique(in.declared_conflicts.begin(), in.declared_conflicts.end()),
                              in.declared_conflicts.end());
  // A reviewer without a cap of their own takes any number: the engine
  // always picks the least loaded, which keeps loads even.
  for (const auto& r : p.reviewers) {
    if (r.load_cap < 0) in.load_cap.push_back(0);  // no longer a reviewer of the stage
    else if (r.load_cap > 0) in.load_cap.push_back(static_cast<std::uint32_t>(r.load_cap));
    else in.load_cap.push_back(std::numeric_limits<std::uint32_t>::max());
  }
  if (!book.ids.empty()) {
    std::vector<std::vector<std::uint32_t>> application_tags(p.entries.size());
    for (std::size_t i = 0; i < p.entries.size(); ++i) application_tags[i] = tags_of[p.entries[i].application_id];
    reviewer_tags.resize(p.reviewers.size());  // reviewers who left the stage have none
    in.reviewer_tags = ToTagLists(reviewer_tags);
    in.application_tags = ToTagLists(application_tags);
  }
  return p;
}

Review NewReview(const Stage& stage, const std::string& application_id, const std::string& reviewer_id,
                 const char* origin, json explanation, const RequestContext& ctx, const std::string& now) {
  Review r;
  r.id = NewId(ctx.clock.Now());
  r.stage_id = stage.id;
  r.application_id = application_id;
  r.reviewer_id = reviewer_id;
  r.organisation_id = stage.organisation_id;
  r.state = "assigned";
  r.origin = origin;
  r.explanation = std::move(explanation);
  r.created_at = now;
  r.updated_at = now;
  if (ctx.actor.authenticated()) r.created_by = ctx.actor.account_id;
  return r;
}

// Milliseconds since the epoch of an RFC 3339 UTC time, for tie-breaks
// (submissions in one group commit differ by milliseconds).
double EpochMilliseconds(const std::string& utc) {
  auto t = ParseRfc3339(utc);
  if (!t) return 0;
  return static_cast<double>(std::chrono::duration_cast<std::chrono::milliseconds>(t->time_since_epoch()).count());
}

}  // namespace

// ---------------------------------------------------------------- stages

Result<std::optional<Stage>> FindStage(db::Tx& tx, const std::string& stage_id) {
  if (!LooksLikeId(stage_id)) return std::optional<Stage>{};
  return store::GetStage(tx, stage_id);
}

Result<std::vector<Stage>> StagesOfCall(db::Tx& tx, const std::string& call_id) { return store::StagesOfCall(tx, call_id); }

Result<std::vector<std::string>> StageEntries(db::Tx& tx, const std::string& stage_id) {
  return store::SubmittedEntries(tx, stage_id);
}

Result<std::int64_t> EnterStage(db::Tx& tx, const Stage& stage, const std::vector<std::string>& application_ids,
                                const std::string& by, const std::string& now) {
  return store::Enter(tx, stage, application_ids, by, now);
}

Result<std::vector<Stage>> Service::Stages(const RequestContext& ctx, const std::string& intake_id) {
  auto read = db_.Read([&](db::Tx& tx) -> Result<std::vector<Stage>> {
    auto call = CallOfIntake(tx, intake_id);
    if (!call) return call.error();
    if (auto a = CanManage(tx, ctx, call->organisation_id, "intake"); !a) return a.error();
    return store::StagesOfCall(tx, call->id);
  });
  if (!read || !read->empty()) return read;
  // A call's first look at its stages: the default four.
  const std::string now = FormatUtc(ctx.clock.Now());
  return db_.Write([&](db::Tx& tx) -> Result<std::vector<Stage>> {
    auto call = CallOfIntake(tx, intake_id);
    if (!call) return call.error();
    if (auto a = CanManage(tx, ctx, call->organisation_id, "intake"); !a) return a.error();
    auto stages = store::StagesOfCall(tx, call->id);
    if (!stages || !stages->empty()) return stages;
    int position = 0;
    for (const char* kind : {"screening", "review", "interview", "decision"}) {
      Stage s;
      s.id = NewId(ctx.clock.Now());
      s.call_id = call->id;
      s.organisation_id = call->organisation_id;
      s.position = ++position;
      s.kind = kind;
      s.settings = DefaultSettings(kind);
      s.updated_at = now;
      if (auto r = store::InsertStage(tx, s); !r) return r.error();
      if (auto r = Audit(tx, trail_, ctx, s.organisation_id, "stage", s.id, "create", json(), ToJson(s)); !r) {
        return r.error();
      }
    }
    return store::StagesOfCall(tx, call->id);
  });
}

Result<Stage> Service::AddStage(const RequestContext& ctx, const std::string& intake_id, const std::string& kind,
                                const json& settings, std::optional<int> position) {
  auto existing = Stages(ctx, intake_id);  // the defaults come first
  if (!existing) return existing.error();
  const std::string now = FormatUtc(ctx.clock.Now());
  return db_.Write([&](db::Tx& tx) -> Result<Stage> {
    auto call = CallOfIntake(tx, intake_id);
    if (!call) return call.error();
    if (auto a = CanManage(tx, ctx, call->organisation_id, "intake"); !a) return a.error();
    auto stages = store::StagesOfCall(tx, call->id);
    if (!stages) return stages.error();
    std::vector<FieldError> errors;
    if (!IsStageKind(kind)) errors.push_back({"kind", "invalid_choice", "screening, review, interview or decision"});
    const int last = static_cast<int>(stages->size()) + 1;
    if (position && (*position < 1 || *position > last)) {
      errors.push_back({"position", "out_of_range", "from 1 to " + std::to_string(last)});
    }
    StageSettings parsed = DefaultSettings(kind);
    if (!settings.is_null()) {
      auto s = ParseStageSettings(settings, call->settings->form);
      if (!s) errors.insert(errors.end(), s.error().fields().begin(), s.error().fields().end());
      else parsed = std::move(*s);
    }
    if (errors.empty() && IsScored(kind) && parsed.rubric.empty()) return RubricRequired();
    if (!errors.empty()) return Error::InvalidArgument("invalid stage", errors);
    const int at = position.value_or(last);
    // Stages in use stay where they are.
    for (const auto& s : *stages) {
      if (s.position >= at && (s.entries > 0 || s.assigned + s.submitted + s.conflicts > 0)) {
        return Error::Conflict("a stage that applications have entered cannot move").WithCode("stage_in_use");
      }
    }
    Stage stage;
    stage.id = NewId(ctx.clock.Now());
    stage.call_id = call->id;
    stage.organisation_id = call->organisation_id;
    stage.position = last;
    stage.kind = kind;
    stage.settings = std::move(parsed);
    stage.updated_at = now;
    if (auto r = store::InsertStage(tx, stage); !r) return r.error();
    std::vector<std::string> order;
    for (const auto& s : *stages) order.push_back(s.id);
    order.insert(order.begin() + (at - 1), stage.id);
    if (auto r = store::SetOrder(tx, call->id, order, now); !r) return r.error();
    auto saved = store::GetStage(tx, stage.id);
    if (!saved) return saved.error();
    if (auto r = Audit(tx, trail_, ctx, stage.organisation_id, "stage", stage.id, "create", json(), ToJson(**saved)); !r) {
      return r.error();
    }
    return std::move(**saved);
  });
}

Result<Stage> Service::GetStage(const RequestContext& ctx, const std::string& stage_id) {
  return db_.Read([&](db::Tx& tx) { return ManagedStage(tx, ctx, stage_id); });
}

Result<Stage> Service::UpdateStage(const RequestContext& ctx, const std::string& stage_id, const json& settings,
                                   std::int64_t version) {
  const std::string now = FormatUtc(ctx.clock.Now());
  return db_.Write([&](db::Tx& tx) -> Result<Stage> {
    auto stage = ManagedStage(tx, ctx, stage_id);
    if (!stage) return stage.error();
    auto call = CallOfStage(tx, *stage);
    if (!call) return call.error();
    if (stage->decided_at) {
      return Error::Conflict("the decisions of this stage are published").WithCode("already_published");
    }
    if (stage->version != version) {
      return Error::Conflict("the stage was changed by someone else")
          .WithCode("stale_version")
          .WithExtension("current", ToJson(*stage).dump());
    }
    auto parsed = ParseStageSettings(settings, call->settings->form);
    if (!parsed) return parsed.error();
    if (IsScored(stage->kind) && parsed->rubric.empty()) return RubricRequired();
    if (stage->submitted > 0 && !SameScoring(stage->settings.rubric, parsed->rubric)) {
      return Error::InvalidArgument("rubric in use",
                                    {{"settings.rubric", "rubric_in_use",
                                      "reviews have been submitted on this rubric: only labels and guidance can change"}});
    }
    auto saved = store::SaveSettings(tx, stage->id, *parsed, version, now);
    if (!saved) return saved.error();
    if (!*saved) return Error::Conflict("the stage was changed by someone else").WithCode("stale_version");
    auto after = store::GetStage(tx, stage->id);
    if (!after) return after.error();
    if (auto r = Audit(tx, trail_, ctx, stage->organisation_id, "stage", stage->id, "update", ToJson(stage->settings),
                       ToJson(parsed.value()));
        !r) {
      return r.error();
    }
    return std::move(**after);
  });
}

Result<void> Service::DeleteStage(const RequestContext& ctx, const std::string& stage_id) {
  const std::string now = FormatUtc(ctx.clock.Now());
  return db_.Write([&](db::Tx& tx) -> Result<void> {
    auto stage = ManagedStage(tx, ctx, stage_id);
    if (!stage) return stage.error();
    auto used = store::InUse(tx, stage->id);
    if (!used) return used.error();
    if (*used) {
      return Error::Conflict("applications have entered this stage or it has reviews").WithCode("stage_in_use");
    }
    if (auto r = store::DeleteStage(tx, stage->id); !r) return r.error();
    auto rest = store::StagesOfCall(tx, stage->call_id);
    if (!rest) return rest.error();
    std::vector<std::string> order;
    for (const auto& s : *rest) order.push_back(s.id);
    if (auto r = store::SetOrder(tx, stage->call_id, order, now); !r) return r.error();
    return Audit(tx, trail_, ctx, stage->organisation_id, "stage", stage->id, "delete", ToJson(*stage), json());
  });
}

Result<std::vector<Stage>> Service::Reorder(const RequestContext& ctx, const std::string& intake_id,
                                            const std::vector<std::string>& stage_ids) {
  auto existing = Stages(ctx, intake_id);
  if (!existing) return existing.error();
  const std::string now = FormatUtc(ctx.clock.Now());
  return db_.Write([&](db::Tx& tx) -> Result<std::vector<Stage>> {
    auto call = CallOfIntake(tx, intake_id);
    if (!call) return call.error();
    if (auto a = CanManage(tx, ctx, call->organisation_id, "intake"); !a) return a.error();
    auto stages = store::StagesOfCall(tx, call->id);
    if (!stages) return stages.error();
    std::set<std::string> given(stage_ids.begin(), stage_ids.end());
    std::set<std::string> known;
    for (const auto& s : *stages) known.insert(s.id);
    if (given != known || stage_ids.size() != stages->size()) {
      return Error::InvalidArgument("not the call's stages",
                                    {{"stage_ids", "not_the_stages", "list every stage of the call exactly once"}});
    }
    for (std::size_t i = 0; i < stages->size(); ++i) {
      const Stage& s = (*stages)[i];
      const bool used = s.entries > 0 || s.assigned + s.submitted + s.conflicts > 0;
      if (used && stage_ids[i] != s.id) {
        return Error::Conflict("a stage that applications have entered cannot move").WithCode("stage_in_use");
      }
    }
    json before = json::array(), after = json(stage_ids);
    for (const auto& s : *stages) before.push_back(s.id);
    if (auto r = store::SetOrder(tx, call->id, stage_ids, now); !r) return r.error();
    if (auto r = Audit(tx, trail_, ctx, call->organisation_id, "call", call->id, "reorder_stages", before, after); !r) {
      return r.error();
    }
    return store::StagesOfCall(tx, call->id);
  });
}

Result<void> MarkDecided(db::Tx& tx, const Stage& stage, const std::string& now) {
  return store::MarkDecided(tx, stage.id, now);
}

Result<void> AssignPanelReviews(db::Tx& tx, const RequestContext& ctx, const audit::Trail& trail, const Stage& stage,
                                const std::string& application_id, const std::vector<std::string>& members,
                                const std::string& panel_name) {
  auto existing = store::ReviewsOfApplication(tx, stage.id, application_id);
  if (!existing) return existing.error();
  auto conflicts = store::DeclaredConflicts(tx, stage.call_id);
  if (!conflicts) return conflicts.error();
  auto application = applications::FindApplication(tx, application_id);
  if (!application) return application.error();
  const std::string now = FormatUtc(ctx.clock.Now());
  for (const auto& member : members) {
    const bool has = std::any_of(existing->begin(), existing->end(), [&](const ReviewRow& r) {
      return r.review.reviewer_id == member && IsActive(r.review.state);
    });
    // A member who declared a conflict on this application, or who is its
    // applicant, gets no scorecard (the panel's others score it).
    const bool conflicted =
        std::find(conflicts->begin(), conflicts->end(), std::pair{application_id, member}) != conflicts->end() ||
        (*application && (*application)->applicant_id == member);
    if (has || conflicted) continue;
    Review r = NewReview(stage, application_id, member, "panel", {{"rule", "panel"}, {"panel", panel_name}}, ctx, now);
    if (auto s = store::InsertReview(tx, r); !s) return s.error();
    if (auto s = Audit(tx, trail, ctx, stage.organisation_id, "review", r.id, "assign", json(), ReviewAudit(r)); !s) {
      return s.error();
    }
  }
  return Ok();
}

Result<void> RemovePanelReviews(db::Tx& tx, const RequestContext& ctx, const audit::Trail& trail, const Stage& stage,
                                const std::string& application_id, const std::vector<std::string>& members) {
  auto existing = store::ReviewsOfApplication(tx, stage.id, application_id);
  if (!existing) return existing.error();
  const std::string now = FormatUtc(ctx.clock.Now());
  for (auto& row : *existing) {
    Review& r = row.review;
    if (r.state != "assigned" || r.origin != "panel") continue;
    if (std::find(members.begin(), members.end(), r.reviewer_id) == members.end()) continue;
    if (auto t = Transit(tx, ctx, trail, r, Action::kRemove); !t) return t.error();
  }
  return Ok();
}

// ------------------------------------------------------------- reviewers

Result<std::vector<StageReviewer>> Service::Reviewers(const RequestContext& ctx, const std::string& stage_id) {
  return db_.Read([&](db::Tx& tx) -> Result<std::vector<StageReviewer>> {
    auto stage = ManagedStage(tx, ctx, stage_id);
    if (!stage) return stage.error();
    return store::Reviewers(tx, stage->id);
  });
}

Result<StageReviewer> Service::PutReviewer(const RequestContext& ctx, const std::string& stage_id,
                                           const StageReviewer& in) {
  std::vector<FieldError> errors;
  if (in.load_cap < 0 || in.load_cap > 100000) errors.push_back({"load_cap", "out_of_range", "from 0 to 100000"});
  if (in.affiliations.size() > 20) errors.push_back({"affiliations", "too_many", "at most 20"});
  for (std::size_t i = 0; i < in.affiliations.size(); ++i) {
    const auto& a = in.affiliations[i];
    if (a.empty() || a.size() > 200) {
      errors.push_back({"affiliations[" + std::to_string(i) + "]", "out_of_range", "1 to 200 bytes"});
    }
  }
  const std::string now = FormatUtc(ctx.clock.Now());
  return db_.Write([&](db::Tx& tx) -> Result<StageReviewer> {
    auto stage = ManagedStage(tx, ctx, stage_id);
    if (!stage) return stage.error();
    auto account = LooksLikeId(in.account_id) ? accounts::FindAccount(tx, in.account_id)
                                               : Result<std::optional<accounts::Account>>(std::nullopt);
    if (!account) return account.error();
    bool reviewer = false;
    if (*account) {
      auto roles = organisations::RolesOfAccount(tx, stage->organisation_id, in.account_id);
      if (!roles) return roles.error();
      reviewer = CanBeReviewer(*roles);
    }
    if (!reviewer) {
      errors.push_back({"account_id", "not_a_reviewer",
                        "this person is not a reviewer, interviewer or coordinator of the organisation"});
    }
    if (!errors.empty()) return Error::InvalidArgument("invalid reviewer", errors);
    if (auto r = store::PutReviewer(tx, stage->id, stage->organisation_id, in, now); !r) return r.error();
    if (auto r = Audit(tx, trail_, ctx, stage->organisation_id, "stage", stage->id, "put_reviewer", json(),
                       {{"account_id", in.account_id}, {"load_cap", in.load_cap}, {"affiliations", in.affiliations}});
        !r) {
      return r.error();
    }
    auto all = store::Reviewers(tx, stage->id);
    if (!all) return all.error();
    for (auto& r : *all) {
      if (r.account_id == in.account_id) return std::move(r);
    }
    return Error::Internal("reviewer vanished after saving");
  });
}

Result<void> Service::RemoveReviewer(const RequestContext& ctx, const std::string& stage_id,
                                     const std::string& account_id) {
  const std::string now = FormatUtc(ctx.clock.Now());
  return db_.Write([&](db::Tx& tx) -> Result<void> {
    auto stage = ManagedStage(tx, ctx, stage_id);
    if (!stage) return stage.error();
    auto open = store::ReviewsOfStage(tx, stage->id, {account_id, "", ""});
    if (!open) return open.error();
    for (auto& row : *open) {
      Review& r = row.review;
      if (r.state != "assigned" && r.state != "draft") continue;
      if (auto t = Transit(tx, ctx, trail_, r, Action::kRemove); !t) return t.error();
    }
    auto deleted = store::DeleteReviewer(tx, stage->id, account_id);
    if (!deleted) return deleted.error();
    if (!*deleted) return Error::NotFound("not a reviewer of this stage");
    return Audit(tx, trail_, ctx, stage->organisation_id, "stage", stage->id, "remove_reviewer",
                 {{"account_id", account_id}}, json());
  });
}

// --------------------------------------------------- entering a stage

Result<AdmitSummary> Service::Admit(const RequestContext& ctx, const std::string& stage_id) {
  const std::string now = FormatUtc(ctx.clock.Now());
  return db_.Write([&](db::Tx& tx) -> Result<AdmitSummary> {
    auto stage = ManagedStage(tx, ctx, stage_id);
    if (!stage) return stage.error();
    auto stages = store::StagesOfCall(tx, stage->call_id);
    if (!stages) return stages.error();
    auto first = std::find_if(stages->begin(), stages->end(), [](const Stage& s) { return s.kind != "screening"; });
    if (first == stages->end() || first->id != stage->id) {
      return Error::FailedPrecondition("eligible applications enter the first stage after screening only");
    }
    auto eligible = store::EligibleApplications(tx, stage->call_id);
    if (!eligible) return eligible.error();
    auto entered = store::Enter(tx, *stage, *eligible, ctx.actor.account_id, now);
    if (!entered) return entered.error();
    auto awaiting = store::AwaitingScreening(tx, stage->call_id);
    if (!awaiting) return awaiting.error();
    AdmitSummary out{*entered, static_cast<std::int64_t>(eligible->size()) - *entered, *awaiting};
    if (auto r = Audit(tx, trail_, ctx, stage->organisation_id, "stage", stage->id, "admit", json(),
                       {{"admitted", out.admitted}, {"already", out.already}});
        !r) {
      return r.error();
    }
    return out;
  });
}

namespace {

// Ranks the applications of a stage by their submitted reviews
// (engines::Score, then engines::Rank for the order and the cut-off).
Result<Ranking> ComputeRanking(db::Tx& tx, const Stage& stage, std::optional<std::int64_t> top,
                               std::optional<double> min_score) {
  Ranking out;
  out.stage = stage;
  auto entries = store::EntryInfos(tx, stage.id, false);
  if (!entries) return entries.error();
  // Index order is reference order: the engine's last tie-break.
  std::sort(entries->begin(), entries->end(), [](const auto& a, const auto& b) { return a.reference < b.reference; });
  std::map<std::string, std::uint32_t> index;
  for (std::uint32_t i = 0; i < entries->size(); ++i) index[(*entries)[i].application_id] = i;

  auto reviews = store::ReviewLinks(tx, stage.id);
  if (!reviews) return reviews.error();
  std::map<std::string, std::uint32_t> reviewer_index;
  std::vector<std::string> reviewer_names;
  std::vector<engines::ReviewTotal> totals;
  std::vector<const store::ReviewLink*> total_rows;
  for (const auto& row : *reviews) {
    if (row.state != "submitted" || !row.total) continue;
    auto a = index.find(row.application_id);
    if (a == index.end()) continue;
    auto [it, added] = reviewer_index.emplace(row.reviewer_id, static_cast<std::uint32_t>(reviewer_names.size()));
    if (added) reviewer_names.push_back(row.reviewer_name);
    totals.push_back({a->second, it->second, *row.total});
    total_rows.push_back(&row);
  }
  engines::ScoringOptions options;
  options.aggregation = stage.settings.aggregation == "median" ? engines::Aggregation::kMedian : engines::Aggregation::kMean;
  options.calibrate = stage.settings.calibrate;
  options.disagreement_threshold = stage.settings.disagreement_threshold;
  const auto scored = engines::Score(totals, options);
  out.alpha = scored.krippendorff_alpha;
  for (const auto& [id, i] : reviewer_index) {
    auto c = std::find_if(scored.reviewers.begin(), scored.reviewers.end(), [&](const auto& x) { return x.reviewer == i; });
    if (c == scored.reviewers.end()) continue;
    out.reviewers.push_back({id, reviewer_names[i], c->reviews, c->mean, c->stddev, c->calibrated});
  }
  std::sort(out.reviewers.begin(), out.reviewers.end(), [](const auto& a, const auto& b) { return a.name < b.name; });

  out.items.resize(entries->size());
  for (std::size_t i = 0; i < entries->size(); ++i) {
    auto& item = out.items[i];
    const auto& e = (*entries)[i];
    item.application_id = e.application_id;
    item.reference = e.reference;
    item.applicant_name = e.applicant_name;
    item.submitted_at = e.submitted_at;
  }
  for (std::size_t t = 0; t < totals.size(); ++t) {
    out.items[totals[t].application].totals.push_back(
        {total_rows[t]->reviewer_name, totals[t].total, scored.calibrated_totals[t]});
  }
  // Means of criteria used as tie-breaks, per application.
  std::map<std::string, std::vector<std::pair<double, int>>> criterion_sums;  // key -> per application (sum, n)
  for (const auto& t : stage.settings.tie_breaks) {
    if (t.starts_with("criterion:")) criterion_sums[t.substr(10)].assign(out.items.size(), {0.0, 0});
  }
  for (std::size_t t = 0; t < totals.size() && !criterion_sums.empty(); ++t) {
    const json scores = json::parse(total_rows[t]->scores, nullptr, false);
    if (!scores.is_object()) continue;
    for (auto& [key, sums] : criterion_sums) {
      if (scores.contains(key) && scores[key].is_number()) {
        sums[totals[t].application].first += scores[key].get<double>();
        sums[totals[t].application].second += 1;
      }
    }
  }
  out.tie_break_count = stage.settings.tie_breaks.size();
  for (std::size_t k = 0; k < out.tie_break_count; ++k) out.tie_break_descending[k] = stage.settings.tie_breaks[k] != "submitted_at";
  std::vector<engines::RankingCandidate> candidates;
  for (const auto& s : scored.applications) {
    auto& item = out.items[s.application];
    item.score = s.score;
    item.raw = s.raw;
    item.reviews = s.reviews;
    item.spread = s.spread;
    item.disagreement = s.disagreement;
    for (std::size_t k = 0; k < out.tie_break_count; ++k) {
      const std::string& t = stage.settings.tie_breaks[k];
      if (t == "raw") item.tie_values[k] = s.raw;
      else if (t == "submitted_at") item.tie_values[k] = EpochMilliseconds(item.submitted_at);
      else {
        const auto& [sum, n] = criterion_sums[t.substr(10)][s.application];
        item.tie_values[k] = n > 0 ? sum / n : 0;
      }
    }
    engines::RankingCandidate c;
    c.id = s.application;
    c.score = s.score;
    c.tie_breaks = item.tie_values;
    candidates.push_back(c);
  }
  engines::RankingOptions ranking;
  ranking.tie_break_count = out.tie_break_count;
  ranking.tie_break_descending = out.tie_break_descending;
  ranking.capacity = top ? static_cast<std::uint32_t>(std::clamp<std::int64_t>(*top, 0, 10'000'000))
                         : static_cast<std::uint32_t>(candidates.size());
  ranking.threshold = min_score;
  const auto ranked = engines::Rank(candidates, ranking);
  std::vector<RankedEntry> ordered;
  ordered.reserve(out.items.size());
  std::vector<bool> placed(out.items.size(), false);
  for (const auto& r : ranked.ranked) {
    auto item = out.items[r.id];
    item.rank = r.rank;
    item.above_cutoff = (top || min_score) && r.outcome == engines::RankOutcome::kSelected;
    placed[r.id] = true;
    ordered.push_back(std::move(item));
  }
  for (std::size_t i = 0; i < out.items.size(); ++i) {
    if (!placed[i]) ordered.push_back(std::move(out.items[i]));  // no submitted review yet
  }
  out.items = std::move(ordered);
  if (top || min_score) {
    out.cutoff_top = top;
    for (const auto& item : out.items) {
      if (item.above_cutoff) out.cutoff_score = item.score;  // the lowest selected
    }
  }
  // Which of them are in the next stage already.
  auto stages = store::StagesOfCall(tx, stage.call_id);
  if (!stages) return stages.error();
  auto next = std::find_if(stages->begin(), stages->end(), [&](const Stage& s) { return s.position == stage.position + 1; });
  if (next != stages->end()) {
    auto in_next = store::Entries(tx, next->id);
    if (!in_next) return in_next.error();
    for (auto& item : out.items) {
      item.in_next_stage = std::binary_search(in_next->begin(), in_next->end(), item.application_id);
    }
  }
  return out;
}

}  // namespace

Result<ShortlistSummary> Service::Shortlist(const RequestContext& ctx, const std::string& stage_id,
                                            const ShortlistRequest& in) {
  const int ways = (in.top ? 1 : 0) + (in.min_score ? 1 : 0) + (in.application_ids.empty() ? 0 : 1);
  if (ways != 1) {
    return Error::InvalidArgument("choose one way", {{"top", "one_way_only", "give top, min_score or application_ids"}});
  }
  if (in.top && *in.top < 1) return Error::InvalidArgument("bad top", {{"top", "out_of_range", "at least 1"}});
  const std::string now = FormatUtc(ctx.clock.Now());
  return db_.Write([&](db::Tx& tx) -> Result<ShortlistSummary> {
    auto stage = ManagedStage(tx, ctx, stage_id);
    if (!stage) return stage.error();
    auto stages = store::StagesOfCall(tx, stage->call_id);
    if (!stages) return stages.error();
    auto next = std::find_if(stages->begin(), stages->end(), [&](const Stage& s) { return s.position == stage->position + 1; });
    if (next == stages->end()) return Error::FailedPrecondition("this is the last stage: there is no next stage to move to");
    if (next->decided_at) {
      return Error::Conflict("the decisions of this stage are published").WithCode("already_published");
    }
    std::vector<std::string> chosen;
    ShortlistSummary out;
    if (!in.application_ids.empty()) {
      auto entries = store::Entries(tx, stage->id);
      if (!entries) return entries.error();
      std::vector<FieldError> errors;
      for (std::size_t i = 0; i < in.application_ids.size(); ++i) {
        if (!std::binary_search(entries->begin(), entries->end(), in.application_ids[i])) {
          errors.push_back({"application_ids[" + std::to_string(i) + "]", "not_in_stage", "not an application of this stage"});
        }
      }
      if (!errors.empty()) return Error::InvalidArgument("not in this stage", errors);
      chosen = in.application_ids;
    } else {
      auto ranking = ComputeRanking(tx, *stage, in.top, in.min_score);
      if (!ranking) return ranking.error();
      for (const auto& item : ranking->items) {
        if (item.above_cutoff) chosen.push_back(item.application_id);
      }
      out.cutoff_score = ranking->cutoff_score;
    }
    std::sort(chosen.begin(), chosen.end());
    chosen.erase(std::unique(chosen.begin(), chosen.end()), chosen.end());
    auto entered = store::Enter(tx, *next, chosen, ctx.actor.account_id, now);
    if (!entered) return entered.error();
    out.moved = *entered;
    out.already = static_cast<std::int64_t>(chosen.size()) - *entered;
    json after = {{"to_stage", next->id}, {"moved", out.moved}, {"already", out.already}};
    if (in.top) after["top"] = *in.top;
    if (in.min_score) after["min_score"] = *in.min_score;
    if (!in.application_ids.empty()) after["application_ids"] = in.application_ids;
    if (auto r = Audit(tx, trail_, ctx, stage->organisation_id, "stage", stage->id, "shortlist", json(), after); !r) {
      return r.error();
    }
    // Short-listed: the call's short-list form opens to them (once).
    auto opened = applications::OpenSecondStage(tx, ctx, trail_, chosen, public_url_);
    if (!opened) return opened.error();
    out.second_stage_opened = *opened;
    return out;
  });
}

// ------------------------------------------------------------ assignment

Result<AssignmentSummary> Service::AssignAutomatically(const RequestContext& ctx, const std::string& stage_id) {
  const std::string now = FormatUtc(ctx.clock.Now());
  return db_.Write([&](db::Tx& tx) -> Result<AssignmentSummary> {
    auto stage = ManagedStage(tx, ctx, stage_id);
    if (!stage) return stage.error();
    if (!IsScored(stage->kind)) return Error::FailedPrecondition("only review and interview stages have reviewers");
    auto problem = BuildProblem(tx, *stage);
    if (!problem) return problem.error();
    const auto k = problem->input.per_application;
    const auto named = static_cast<std::size_t>(std::count_if(problem->reviewers.begin(), problem->reviewers.end(),
                                                              [](const StageReviewer& r) { return r.load_cap >= 0; }));
    if (k > named) {
      return Error::InvalidArgument(
          "not enough reviewers",
          {{"reviewers_per_application", "not_enough_reviewers",
            std::to_string(k) + " reviewers per application were asked for, but the stage has " +
                std::to_string(named)}});
    }
    const auto result = engines::Assign(problem->input);
    AssignmentSummary out;
    out.applications = problem->input.applications;
    out.reviewers = problem->input.reviewers;
    for (const auto& a : result.added) {
      Review r = NewReview(*stage, problem->entries[a.application].application_id,
                           problem->reviewers[a.reviewer].account_id, "automatic",
                           {{"rule", "least_loaded"}, {"load_before", a.load_before}}, ctx, now);
      if (auto s = store::InsertReview(tx, r); !s) return s.error();
    }
    out.added = static_cast<std::int64_t>(result.added.size());
    for (const auto& s : result.shortfalls) {
      out.shortfalls.push_back({problem->entries[s.application].application_id, problem->entries[s.application].reference,
                                s.missing, s.declared_conflicts, s.tag_conflicts, s.at_cap});
    }
    if (!result.load.empty()) {
      out.load_min = *std::min_element(result.load.begin(), result.load.end());
      out.load_max = *std::max_element(result.load.begin(), result.load.end());
    }
    if (auto r = Audit(tx, trail_, ctx, stage->organisation_id, "stage", stage->id, "assign", json(),
                       {{"added", out.added}, {"shortfalls", out.shortfalls.size()}});
        !r) {
      return r.error();
    }
    return out;
  });
}

Result<ReviewRow> Service::AssignManually(const RequestContext& ctx, const std::string& stage_id,
                                          const std::string& application_id, const std::string& reviewer_id) {
  const std::string now = FormatUtc(ctx.clock.Now());
  return db_.Write([&](db::Tx& tx) -> Result<ReviewRow> {
    auto stage = ManagedStage(tx, ctx, stage_id);
    if (!stage) return stage.error();
    if (!IsScored(stage->kind)) return Error::FailedPrecondition("only review and interview stages have reviewers");
    auto problem = BuildProblem(tx, *stage);
    if (!problem) return problem.error();
    std::vector<FieldError> errors;
    auto a = problem->application_index.find(application_id);
    auto r = problem->reviewer_index.find(reviewer_id);
    if (a == problem->application_index.end()) {
      errors.push_back({"application_id", "not_in_stage", "not an application of this stage"});
    }
    if (r == problem->reviewer_index.end() || problem->reviewers[r->second].load_cap < 0) {
      errors.push_back({"reviewer_id", "not_a_stage_reviewer", "not a reviewer of this stage"});
    }
    if (errors.empty()) {
      const auto pair = std::make_pair(a->second, r->second);
      if (std::find(problem->input.existing.begin(), problem->input.existing.end(), pair) != problem->input.existing.end()) {
        errors.push_back({"reviewer_id", "already_assigned", "already reviews this application"});
      } else if (engines::Conflicts(problem->input, a->second, r->second)) {
        errors.push_back({"reviewer_id", "conflict_of_interest", "this reviewer has a conflict of interest with this application"});
      }
    }
    if (!errors.empty()) return Error::InvalidArgument("cannot assign", errors);
    Review review = NewReview(*stage, application_id, reviewer_id, "manual", {{"rule", "manual"}}, ctx, now);
    if (auto s = store::InsertReview(tx, review); !s) return s.error();
    if (auto s = Audit(tx, trail_, ctx, stage->organisation_id, "review", review.id, "assign", json(), ReviewAudit(review)); !s) {
      return s.error();
    }
    auto row = store::GetReview(tx, review.id);
    if (!row) return row.error();
    return std::move(**row);
  });
}

Result<std::vector<ReviewRow>> Service::Assignments(const RequestContext& ctx, const std::string& stage_id,
                                                    const store::ReviewFilter& filter) {
  return db_.Read([&](db::Tx& tx) -> Result<std::vector<ReviewRow>> {
    auto stage = ManagedStage(tx, ctx, stage_id);
    if (!stage) return stage.error();
    return store::ReviewsOfStage(tx, stage->id, filter);
  });
}

namespace {

// A review loaded for `action`: by its reviewer (reviewer actions) or by
// staff of its organisation (staff actions); kNotFound for anyone else.
Result<ReviewRow> ReviewFor(db::Tx& tx, const RequestContext& ctx, const std::string& review_id, Action action) {
  if (!LooksLikeId(review_id)) return Error::NotFound("no such review");
  auto row = store::GetReview(tx, review_id);
  if (!row) return row.error();
  if (!*row) return Error::NotFound("no such review");
  // Roles are read for everyone, the assigned reviewer too: someone who
  // has left the organisation, lost their reviewing role or lacks a
  // required second factor acts on nothing.
  auto roles = RolesOrHidden(tx, ctx, (*row)->review.organisation_id, "review");
  if (!roles) return roles.error();
  const bool own = ctx.actor.authenticated() && (*row)->review.reviewer_id == ctx.actor.account_id && CanBeReviewer(*roles);
  bool staff_action = false;
  for (const auto& t : Transitions()) {
    if (t.action == action) staff_action = t.staff;
  }
  if (staff_action) {
    if (auto d = CanManageSelection(ctx.actor, *roles); !d.allowed) return Denied(ctx.actor, d);
  } else if (!own) {
    if (!ctx.actor.authenticated()) return Error::Unauthenticated("sign in to review");
    if (!CanManageSelection(ctx.actor, *roles).allowed) return Error::NotFound("no such review");
    return Error::PermissionDenied("only the assigned reviewer may change this review");
  }
  return std::move(**row);
}

}  // namespace

Result<void> Service::RemoveAssignment(const RequestContext& ctx, const std::string& review_id) {
  const std::string now = FormatUtc(ctx.clock.Now());
  return db_.Write([&](db::Tx& tx) -> Result<void> {
    auto row = ReviewFor(tx, ctx, review_id, Action::kRemove);
    if (!row) return row.error();
    return Transit(tx, ctx, trail_, row->review, Action::kRemove);
  });
}

Result<std::int64_t> Service::Remind(const RequestContext& ctx, const std::string& stage_id) {
  return db_.Write([&](db::Tx& tx) -> Result<std::int64_t> {
    auto stage = ManagedStage(tx, ctx, stage_id);
    if (!stage) return stage.error();
    auto call = CallOfStage(tx, *stage);
    if (!call) return call.error();
    auto open = store::ReviewLinks(tx, stage->id);
    if (!open) return open.error();
    std::map<std::string, int> pending;
    for (const auto& row : *open) {
      if (row.state == "assigned" || row.state == "draft") ++pending[row.reviewer_id];
    }
    std::int64_t reminded = 0;
    for (const auto& [reviewer, count] : pending) {
      auto person = accounts::FindAccount(tx, reviewer);
      if (!person) return person.error();
      if (!*person) continue;
      notifications::Message m{(*person)->id, (*person)->email, (*person)->locale, "review_reminder", {}, true};
      programmes::Translated name = stage->settings.name.empty() ? DefaultSettings(stage->kind).name : stage->settings.name;
      m.params = {{"name", (*person)->name},
                  {"count", std::to_string(count)},
                  {"stage", programmes::InLanguage(name, (*person)->locale)},
                  {"call", programmes::InLanguage(call->settings->title, (*person)->locale)},
                  {"link", public_url_ + "/reviews"}};
      if (auto r = notifications::Enqueue(tx, ctx.clock, m); !r) return r.error();
      ++reminded;
    }
    if (auto r = Audit(tx, trail_, ctx, stage->organisation_id, "stage", stage->id, "remind", json(),
                       {{"reminded", reminded}});
        !r) {
      return r.error();
    }
    return reminded;
  });
}

// ------------------------------------------------------------- reviewing

namespace {

// Whether a reviewer (not staff) may read the application of their review:
// while the review is open or submitted and the application not withdrawn.
bool ShownToReviewer(const Review& review, const applications::Application& a) {
  return IsActive(review.state) && a.state == "submitted";
}

// A file's name as a blind review shows it: the question and the type,
// since names such as "Aysel_Mammadova_CV.pdf" say who applied.
std::string BlindFileName(const applications::Document& d) { return d.field_key + "." + d.kind; }

// Whether a stage shows a question of the form to its reviewers: blind
// review hides contact data, and any stage may hide chosen questions; the
// short-list form's answers show once the applicant has submitted them.
bool Shows(const StageSettings& settings, const programmes::Field& f, const applications::Application& a) {
  if (f.retired) return false;
  if (f.stage == 2 && a.second_stage != "submitted") return false;
  if (std::find(settings.hidden_fields.begin(), settings.hidden_fields.end(), f.key) != settings.hidden_fields.end()) {
    return false;
  }
  return !(settings.blind && (f.type == programmes::FieldType::kEmail || f.type == programmes::FieldType::kPhone));
}

// The view of a review for the person reading it: the application as the
// stage shows it, and the other reviews when allowed.
// Shows the application only while the review is open or submitted (a
// reviewer whose review was removed or ended in a conflict sees no more of
// it), and audits that read of personal data.
Result<ReviewView> BuildView(db::Tx& tx, const RequestContext& ctx, const audit::Trail& trail, ReviewRow row, bool staff) {
  ReviewView view;
  view.staff = staff;
  auto stage = store::GetStage(tx, row.review.stage_id);
  if (!stage) return stage.error();
  if (!*stage) return Error::Internal("review without stage: " + row.review.id);
  const StageSettings& settings = (*stage)->settings;
  auto call = CallOfStage(tx, **stage);
  if (!call) return call.error();
  auto application = applications::FindApplication(tx, row.review.application_id);
  if (!application) return application.error();
  if (!*application) return Error::Internal("review without application: " + row.review.id);
  const bool show_application = staff || ShownToReviewer(row.review, **application);
  view.rubric = settings.rubric;
  const bool own = row.review.reviewer_id == ctx.actor.account_id;
  // The application as the stage shows it.
  for (const auto& f : call->settings->form.fields) {
    if (!show_application || !Shows(settings, f, **application)) continue;
    view.fields.push_back(f);
    if (!(*application)->answers.contains(f.key)) continue;
    const json& answer = (*application)->answers[f.key];
    view.answers[f.key] = answer;
    if (f.type == programmes::FieldType::kFile && answer.is_string()) {
      auto doc = applications::FindDocument(tx, answer.get<std::string>(), false);
      if (!doc) return doc.error();
      if (*doc && (*doc)->first.application_id == (*application)->id) {
        if (settings.blind && !staff) (*doc)->first.file_name = BlindFileName((*doc)->first);
        view.documents.push_back(std::move((*doc)->first));
      }
    }
  }
  if (show_application) {
    if (auto r = trail.Append(tx, ctx, {row.review.organisation_id, "application", row.review.application_id,
                                        "read_personal_data", "", json({{"review_id", row.review.id}}).dump()});
        !r) {
      return r.error();
    }
  }
  if (show_application && (!settings.blind || staff)) {
    auto person = accounts::FindAccount(tx, (*application)->applicant_id);
    if (!person) return person.error();
    if (*person) {
      view.applicant_name = (*person)->name;
      view.applicant_email = (*person)->email;
    }
  }
  // Others' reviews: staff always; a reviewer after submitting their own.
  const bool show_others = staff || (own && row.review.state == "submitted" && settings.others_scores == "after_submit");
  if (show_others) {
    auto all = store::ReviewsOfApplication(tx, row.review.stage_id, row.review.application_id);
    if (!all) return all.error();
    for (auto& other : *all) {
      if (other.review.id == row.review.id || other.review.state != "submitted") continue;
      if (!staff) other.review.private_comment.clear();
      view.others.push_back(std::move(other));
    }
  }
  if (!staff && !own) row.review.private_comment.clear();
  view.actions = ActionsFrom(row.review.state, !own);
  if (own && staff) {
    auto more = ActionsFrom(row.review.state, true);
    view.actions.insert(view.actions.end(), more.begin(), more.end());
  }
  view.row = std::move(row);
  return view;
}

}  // namespace

Result<std::vector<ReviewRow>> Service::MyReviews(const RequestContext& ctx, const std::string& state) {
  if (!ctx.actor.authenticated()) return Error::Unauthenticated("sign in to see your reviews");
  if (!state.empty() && state != "assigned" && state != "draft" && state != "submitted" && state != "removed" &&
      state != "conflict") {
    return Error::InvalidArgument("bad state", {{"state", "invalid_choice", "assigned, draft, submitted, removed or conflict"}});
  }
  return db_.Read([&](db::Tx& tx) { return store::ReviewsOfReviewer(tx, ctx.actor.account_id, state); });
}

namespace {

struct ReadableReview {
  ReviewRow row;
  bool staff = false;  // read by staff (else by its own reviewer)
};

// A review for its assigned reviewer (while they hold a reviewing role) or
// staff; kNotFound for anyone else, kUnauthenticated for the public.
Result<ReadableReview> Readable(db::Tx& tx, const RequestContext& ctx, const std::string& review_id) {
  if (!LooksLikeId(review_id)) return Error::NotFound("no such review");
  auto row = store::GetReview(tx, review_id);
  if (!row) return row.error();
  if (!*row) return Error::NotFound("no such review");
  auto roles = RolesOrHidden(tx, ctx, (*row)->review.organisation_id, "review");
  if (!roles) return roles.error();
  const bool own = ctx.actor.authenticated() && (*row)->review.reviewer_id == ctx.actor.account_id && CanBeReviewer(*roles);
  const bool staff = CanManageSelection(ctx.actor, *roles).allowed;
  if (!own && !staff) {
    if (!ctx.actor.authenticated()) return Error::Unauthenticated("sign in to see reviews");
    return Error::NotFound("no such review");
  }
  return ReadableReview{std::move(**row), staff};
}

}  // namespace

Result<ReviewView> Service::GetReview(const RequestContext& ctx, const std::string& review_id) {
  return db_.Write([&](db::Tx& tx) -> Result<ReviewView> {
    auto readable = Readable(tx, ctx, review_id);
    if (!readable) return readable.error();
    return BuildView(tx, ctx, trail_, std::move(readable->row), readable->staff);
  });
}

Result<std::pair<applications::Document, std::string>> Service::ReviewDocument(const RequestContext& ctx,
                                                                                const std::string& review_id,
                                                                                const std::string& document_id) {
  using Out = std::pair<applications::Document, std::string>;
  return db_.Write([&](db::Tx& tx) -> Result<Out> {
    auto readable = Readable(tx, ctx, review_id);
    if (!readable) return readable.error();
    const Review& review = readable->row.review;
    const bool staff = readable->staff;
    auto application = applications::FindApplication(tx, review.application_id);
    if (!application) return application.error();
    if (!*application) return Error::Internal("review without application: " + review.id);
    // As the review page: a reviewer whose review ended, or whose applicant
    // withdrew, sees no more of the application.
    if (!staff && !ShownToReviewer(review, **application)) return Error::NotFound("no such document");
    auto doc = applications::FindDocument(tx, document_id, true);
    if (!doc) return doc.error();
    // Only the file that answers its question now (not one replaced or cleared).
    if (!*doc || (*doc)->first.application_id != review.application_id ||
        (*application)->answers.value((*doc)->first.field_key, json()) != json((*doc)->first.id)) {
      return Error::NotFound("no such document");
    }
    auto stage = store::GetStage(tx, review.stage_id);
    if (!stage) return stage.error();
    if (!*stage) return Error::Internal("review without stage: " + review.id);
    auto call = CallOfStage(tx, **stage);
    if (!call) return call.error();
    const programmes::Field* field = call->settings->form.Find((*doc)->first.field_key);
    if (!field || !Shows((*stage)->settings, *field, **application)) return Error::NotFound("no such document");
    if ((*stage)->settings.blind && !staff) (*doc)->first.file_name = BlindFileName((*doc)->first);
    if (auto r = trail_.Append(tx, ctx, {review.organisation_id, "document", (*doc)->first.id, "read_personal_data", "",
                                         json({{"review_id", review.id}}).dump()});
        !r) {
      return r.error();
    }
    return std::move(**doc);
  });
}

Result<ReviewView> Service::SaveReview(const RequestContext& ctx, const std::string& review_id, const json& scores,
                                       const std::string& private_comment, const std::string& shared_comment,
                                       std::int64_t version) {
  std::vector<FieldError> errors;
  if (private_comment.size() > 20000) errors.push_back({"private_comment", "too_long", "at most 20000 bytes"});
  if (shared_comment.size() > 20000) errors.push_back({"shared_comment", "too_long", "at most 20000 bytes"});
  const std::string now = FormatUtc(ctx.clock.Now());
  return db_.Write([&](db::Tx& tx) -> Result<ReviewView> {
    auto row = ReviewFor(tx, ctx, review_id, Action::kSave);
    if (!row) return row.error();
    if (auto next = Next(row->review.state, Action::kSave); !next) return next.error();
    auto stage = store::GetStage(tx, row->review.stage_id);
    if (!stage) return stage.error();
    auto score_errors = CheckScores((*stage)->settings.rubric, scores, false);
    errors.insert(errors.end(), score_errors.begin(), score_errors.end());
    if (!errors.empty()) return Error::InvalidArgument("invalid review", errors);
    Review& r = row->review;
    if (r.version != version) {
      return Error::Conflict("the review was saved elsewhere")
          .WithCode("stale_version")
          .WithExtension("current", json({{"scores", r.scores},
                                          {"private_comment", r.private_comment},
                                          {"shared_comment", r.shared_comment},
                                          {"version", r.version}})
                                        .dump());
    }
    auto moved = Transit(tx, ctx, trail_, r, Action::kSave, [&](Review& x) {
      x.scores = json::object();
      for (const auto& [k, v] : scores.items()) {
        if (!v.is_null()) x.scores[k] = v;
      }
      x.private_comment = private_comment;
      x.shared_comment = shared_comment;
    });
    if (!moved) return moved.error();
    return BuildView(tx, ctx, trail_, std::move(*row), false);
  });
}

Result<ReviewView> Service::SubmitReview(const RequestContext& ctx, const std::string& review_id) {
  const std::string now = FormatUtc(ctx.clock.Now());
  return db_.Write([&](db::Tx& tx) -> Result<ReviewView> {
    auto row = ReviewFor(tx, ctx, review_id, Action::kSubmit);
    if (!row) return row.error();
    if (auto next = Next(row->review.state, Action::kSubmit); !next) return next.error();
    auto stage = store::GetStage(tx, row->review.stage_id);
    if (!stage) return stage.error();
    const auto& rubric = (*stage)->settings.rubric;
    auto errors = CheckScores(rubric, row->review.scores, true);
    if (!errors.empty()) return Error::InvalidArgument("the review is not complete", errors);
    auto moved = Transit(tx, ctx, trail_, row->review, Action::kSubmit, [&](Review& x) {
      x.total = TotalOf(rubric, x.scores);
      x.submitted_at = now;
    });
    if (!moved) return moved.error();
    return BuildView(tx, ctx, trail_, std::move(*row), false);
  });
}

Result<ConflictOutcome> Service::DeclareConflict(const RequestContext& ctx, const std::string& review_id,
                                                 const std::string& reason) {
  const std::string now = FormatUtc(ctx.clock.Now());
  return db_.Write([&](db::Tx& tx) -> Result<ConflictOutcome> {
    auto row = ReviewFor(tx, ctx, review_id, Action::kDeclareConflict);
    if (!row) return row.error();
    if (reason.empty()) return Error::InvalidArgument("a reason is required", {{"reason", "required", "required"}});
    if (reason.size() > 2000) return Error::InvalidArgument("reason too long", {{"reason", "too_long", "at most 2000 bytes"}});
    Review& r = row->review;
    auto moved = Transit(tx, ctx, trail_, r, Action::kDeclareConflict, [&](Review& x) { x.conflict_reason = reason; });
    if (!moved) return moved.error();
    ConflictOutcome out;
    // The replacement: the engine on this one application, with every
    // reviewer's load elsewhere in the stage counted.
    auto stage = store::GetStage(tx, r.stage_id);
    if (!stage) return stage.error();
    auto problem = BuildProblem(tx, **stage);
    if (!problem) return problem.error();
    auto a = problem->application_index.find(r.application_id);
    if (a != problem->application_index.end()) {
      engines::AssignmentInput one = problem->input;
      one.applications = 1;
      one.initial_load.assign(one.reviewers, 0);
      one.existing.clear();
      for (const auto& [app, reviewer] : problem->input.existing) {
        if (app == a->second) one.existing.emplace_back(0, reviewer);
        else ++one.initial_load[reviewer];
      }
      one.declared_conflicts.clear();
      for (const auto& [app, reviewer] : problem->input.declared_conflicts) {
        if (app == a->second) one.declared_conflicts.emplace_back(0, reviewer);
      }
      if (!one.application_tags.offsets.empty()) {
        const auto from = one.application_tags.offsets[a->second], to = one.application_tags.offsets[a->second + 1];
        std::vector<std::uint32_t> tags(one.application_tags.tags.begin() + from, one.application_tags.tags.begin() + to);
        one.application_tags.tags = tags;
        one.application_tags.offsets = {0, static_cast<std::uint32_t>(tags.size())};
      }
      const auto result = engines::Assign(one);
      if (!result.added.empty()) {
        const auto& pick = result.added.front();
        Review replacement = NewReview(**stage, r.application_id, problem->reviewers[pick.reviewer].account_id,
                                       "replacement",
                                       {{"rule", "replacement"}, {"replaces", row->reviewer_name},
                                        {"load_before", pick.load_before}},
                                       ctx, now);
        if (auto s = store::InsertReview(tx, replacement); !s) return s.error();
        if (auto s = Audit(tx, trail_, ctx, r.organisation_id, "review", replacement.id, "assign", json(),
                           ReviewAudit(replacement));
            !s) {
          return s.error();
        }
        auto added = store::GetReview(tx, replacement.id);
        if (!added) return added.error();
        out.replacement = std::move(**added);
      }
    }
    out.review = std::move(*row);
    return out;
  });
}

Result<ReviewView> Service::Reopen(const RequestContext& ctx, const std::string& review_id) {
  const std::string now = FormatUtc(ctx.clock.Now());
  return db_.Write([&](db::Tx& tx) -> Result<ReviewView> {
    auto row = ReviewFor(tx, ctx, review_id, Action::kReopen);
    if (!row) return row.error();
    auto moved = Transit(tx, ctx, trail_, row->review, Action::kReopen, [](Review& x) {
      x.total.reset();
      x.submitted_at.reset();
    });
    if (!moved) return moved.error();
    return BuildView(tx, ctx, trail_, std::move(*row), true);
  });
}

// --------------------------------------------------------------- ranking

Result<Ranking> RankStage(db::Tx& tx, const Stage& stage) { return ComputeRanking(tx, stage, std::nullopt, std::nullopt); }

Result<Ranking> Service::RankingOf(const RequestContext& ctx, const std::string& intake_id, const std::string& stage_id,
                                   std::optional<std::int64_t> top, std::optional<double> min_score) {
  if (top && *top < 1) return Error::InvalidArgument("bad top", {{"top", "out_of_range", "at least 1"}});
  // Computed on a reader, so the SQLite writer is not held for it.
  auto ranking = db_.Read([&](db::Tx& tx) -> Result<Ranking> {
    auto stage = ManagedStage(tx, ctx, stage_id);
    if (!stage) return stage.error();
    if (stage->intake_id != intake_id) return Error::NotFound("no such stage in this intake");
    return ComputeRanking(tx, *stage, top, min_score);
  });
  if (!ranking) return ranking;
  // The ranking names applicants: a read of personal data.
  auto audited = db_.Write([&](db::Tx& tx) {
    return trail_.Append(tx, ctx, {ranking->stage.organisation_id, "stage", ranking->stage.id, "read_personal_data", "",
                                   json({{"ranking", ranking->items.size()}}).dump()});
  });
  if (!audited) return audited.error();
  return ranking;
}

}  // namespace cohort::review
