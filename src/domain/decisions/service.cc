#include "domain/decisions/service.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>

#include "core/id.h"
#include "core/log.h"
#include "core/time_format.h"
#include "domain/accounts/service.h"
#include "domain/applications/service.h"
#include "domain/decisions/policy.h"
#include "domain/decisions/store.h"
#include "domain/decisions/workflow.h"
#include "domain/notifications/outbox.h"
#include "domain/organisations/service.h"
#include "domain/programmes/call_window.h"
#include "domain/programmes/eligibility.h"
#include "domain/programmes/service.h"
#include "domain/review/service.h"
#include "engines/ranking.h"

namespace cohort::decisions {
namespace {

using nlohmann::json;

Result<void> CanManage(db::Tx& tx, const RequestContext& ctx, const std::string& organisation_id, const char* what) {
  auto roles = organisations::StaffRoles(tx, ctx, organisation_id);
  if (!roles) return roles.error();
  if (ctx.actor.authenticated() && !ctx.actor.is_platform_admin && roles->empty()) {
    return Error::NotFound(std::string("no such ") + what);
  }
  if (auto d = CanDecide(ctx.actor, *roles); !d.allowed) return Denied(ctx.actor, d);
  return Ok();
}

// Everything a decision stage's work needs.
struct Context {
  review::Stage stage;
  programmes::Intake intake;
  programmes::Call call;
};

Result<Context> LoadStage(db::Tx& tx, const std::string& stage_id) {
  auto stage = review::FindStage(tx, stage_id);
  if (!stage) return stage.error();
  if (!*stage) return Error::NotFound("no such stage");
  auto call = programmes::FindCall(tx, (*stage)->call_id);
  if (!call) return call.error();
  if (!*call) return Error::Internal("stage without call");
  auto intake = programmes::FindIntake(tx, (*call)->intake_id);
  if (!intake) return intake.error();
  if (!*intake) return Error::Internal("call without intake");
  return Context{std::move(**stage), std::move(**intake), std::move(**call)};
}

// A decision stage of the intake, for staff of its organisation.
Result<Context> ManagedDecisionStage(db::Tx& tx, const RequestContext& ctx, const std::string& intake_id,
                                     const std::string& stage_id) {
  auto c = LoadStage(tx, stage_id);
  if (!c) return c.error();
  if (auto a = CanManage(tx, ctx, c->stage.organisation_id, "stage"); !a) return a.error();
  if (c->stage.intake_id != intake_id) return Error::NotFound("no such stage in this intake");
  if (c->stage.kind != "decision") return Error::FailedPrecondition("decisions are made at a decision stage");
  return c;
}

// The applicant's value for a quota field: the university of the first
// education entry, the first of several choices, or the text.
std::string QuotaValue(const json& answers, const std::string& field) {
  if (!answers.is_object() || !answers.contains(field)) return "";
  const json& a = answers[field];
  if (a.is_string()) return a.get<std::string>();
  if (a.is_array() && !a.empty()) {
    if (a[0].is_object()) return a[0].value("university", "");
    if (a[0].is_string()) return a[0].get<std::string>();
  }
  if (a.is_number()) return a.dump();
  return "";
}

// Quotas in the engine's terms: one dimension per field, one category per
// quota value.
struct QuotaMap {
  std::vector<std::string> fields;  // dimension -> field
  std::vector<engines::Quota> quotas;
  engines::RankingCandidate Categorise(engines::RankingCandidate c, const json& categories,
                                       const std::vector<review::Quota>& settings) const {
    for (std::size_t d = 0; d < fields.size(); ++d) {
      const std::string value = programmes::NormaliseForComparison(categories.value(fields[d], ""));
      for (std::size_t q = 0; q < settings.size(); ++q) {
        if (settings[q].field == fields[d] && programmes::NormaliseForComparison(settings[q].value) == value) {
          c.categories[d] = static_cast<uint16_t>(q);
        }
      }
    }
    return c;
  }
};

QuotaMap MapQuotas(const std::vector<review::Quota>& quotas) {
  QuotaMap m;
  for (std::size_t q = 0; q < quotas.size(); ++q) {
    auto it = std::find(m.fields.begin(), m.fields.end(), quotas[q].field);
    if (it == m.fields.end()) {
      m.fields.push_back(quotas[q].field);
      it = m.fields.end() - 1;
    }
    engines::Quota e;
    e.dimension = static_cast<uint8_t>(it - m.fields.begin());
    e.category = static_cast<uint16_t>(q);
    e.minimum_share = quotas[q].min_share;
    e.maximum_share = quotas[q].max_share;
    m.quotas.push_back(e);
  }
  return m;
}

const char* ReasonWord(engines::RankReason r) {
  switch (r) {
    case engines::RankReason::kInRankOrder: return "in_rank_order";
    case engines::RankReason::kQuotaMinimum: return "quota_minimum";
    case engines::RankReason::kSecondPass: return "second_pass";
    case engines::RankReason::kCapacityFull: return "capacity_full";
    case engines::RankReason::kQuotaMaximum: return "quota_maximum";
    case engines::RankReason::kSeatsReserved: return "seats_reserved";
    case engines::RankReason::kBelowThreshold: return "below_threshold";
  }
  return "";
}

std::uint32_t Seats(double share, int capacity, bool minimum) {
  const double x = share * capacity;
  return static_cast<std::uint32_t>(minimum ? std::ceil(x - 1e-9) : std::floor(x + 1e-9));
}

Board MakeBoard(const Context& c, std::vector<Decision> items) {
  Board b;
  b.stage_id = c.stage.id;
  b.intake_id = c.intake.id;
  b.capacity = c.intake.capacity;
  for (const auto& q : c.stage.settings.quotas) {
    QuotaFigures f{q.field, q.value, Seats(q.min_share, c.intake.capacity, true), Seats(q.max_share, c.intake.capacity, false),
                   0, 0, false, false};
    const std::string value = programmes::NormaliseForComparison(q.value);
    for (const auto& d : items) {
      if (programmes::NormaliseForComparison(d.categories.value(q.field, "")) != value) continue;
      if (d.rank) ++f.candidates;
      if (d.outcome == "accept") ++f.selected;
    }
    f.minimum_lowered = f.candidates < f.minimum_seats;
    f.minimum_met = f.selected >= f.minimum_seats;
    b.quotas.push_back(f);
  }
  for (const auto& d : items) {
    b.published = b.published || d.state == "published";
    if (d.outcome == "accept" && d.score && (!b.cutoff_score || *d.score < *b.cutoff_score)) b.cutoff_score = d.score;
  }
  b.items = std::move(items);
  return b;
}

// Numbers the waitlist 1, 2 ... over the final outcomes (overrides
// included) in rank order — applications without a rank after the ranked,
// by reference — so a changed decision never leaves a gap or a clash.
Result<void> RenumberWaitlist(db::Tx& tx, const std::string& stage_id, const std::string& now) {
  auto all = store::OfStage(tx, stage_id);  // in rank order, unranked last
  if (!all) return all.error();
  std::int64_t position = 0;
  for (auto& d : *all) {
    std::optional<std::int64_t> want;
    if (d.outcome == "waitlist" && d.application_state != "withdrawn") want = ++position;
    if (want == d.waitlist_position) continue;
    const std::int64_t expected = d.version;
    d.waitlist_position = want;
    d.version += 1;
    d.updated_at = now;
    auto saved = store::Save(tx, d, expected);
    if (!saved) return saved.error();
    if (!*saved) return Error::Conflict("a decision changed meanwhile; try again");
  }
  return Ok();
}

std::string InDays(TimePoint now, int days) { return FormatUtc(now + std::chrono::hours(24 * days)); }

// A letter to the applicant of `d` about its outcome.
Result<void> Letter(db::Tx& tx, const RequestContext& ctx, const Context& c, const Decision& d, const char* template_name,
                    const std::optional<Offer>& offer, const std::string& public_url) {
  auto person = accounts::FindAccount(tx, d.applicant_id);
  if (!person) return person.error();
  if (!*person) return Ok();
  notifications::Message m{(*person)->id, (*person)->email, (*person)->locale, template_name, {}, true};
  m.params = {{"name", (*person)->name},
              {"reference", d.reference},
              {"call", programmes::InLanguage(c.call.settings->title, (*person)->locale)},
              {"intake", c.intake.name},
              {"link", public_url + "/offers"}};
  if (d.waitlist_position) m.params["position"] = std::to_string(*d.waitlist_position);
  if (offer) {
    m.params["deadline"] = programmes::UtcToLocal(offer->deadline_at, c.call.settings->time_zone) + " (" +
                           c.call.settings->time_zone + ")";
  }
  return notifications::Enqueue(tx, ctx.clock, m);
}

Offer NewOffer(const Context& c, const Decision& d, TimePoint now) {
  Offer o;
  o.id = NewId(now);
  o.decision_id = d.id;
  o.application_id = d.application_id;
  o.intake_id = c.intake.id;
  o.organisation_id = d.organisation_id;
  o.applicant_id = d.applicant_id;
  o.state = "open";
  o.deadline_at = InDays(now, c.stage.settings.offer_days);
  o.created_at = FormatUtc(now);
  return o;
}

// Gives freed seats to the waitlist, in waitlist order, as long as someone
// can take one under the quotas. Returns how many were promoted.
Result<int> Promote(db::Tx& tx, const RequestContext& ctx, const audit::Trail& trail, const Context& c,
                    const std::string& public_url) {
  auto all = store::OfStage(tx, c.stage.id);
  if (!all) return all.error();
  const auto map = MapQuotas(c.stage.settings.quotas);
  engines::RankingOptions options;
  options.capacity = static_cast<std::uint32_t>(std::max(0, c.intake.capacity));
  options.quotas = map.quotas;
  std::vector<engines::RankingCandidate> holding, waitlist;
  std::vector<Decision*> waiting;
  for (auto& d : *all) {
    if (d.state != "published") continue;
    engines::RankingCandidate rc;
    rc.score = d.score.value_or(0);
    rc = map.Categorise(rc, d.categories, c.stage.settings.quotas);
    const bool live = d.offer && (d.offer->state == "open" || d.offer->state == "accepted");
    if (d.outcome == "accept" && live && d.application_state != "withdrawn") holding.push_back(rc);
    if (d.outcome == "waitlist" && d.application_state != "withdrawn") waiting.push_back(&d);
  }
  std::sort(waiting.begin(), waiting.end(), [](const Decision* a, const Decision* b) {
    return a->waitlist_position.value_or(INT64_MAX) < b->waitlist_position.value_or(INT64_MAX);
  });
  for (const auto* d : waiting) {
    engines::RankingCandidate rc;
    rc.score = d->score.value_or(0);
    waitlist.push_back(map.Categorise(rc, d->categories, c.stage.settings.quotas));
  }
  int promoted = 0;
  const auto now = ctx.clock.Now();
  while (true) {
    auto next = engines::NextFromWaitlist(holding, waitlist, options);
    if (!next) break;
    Decision& d = *waiting[*next];
    const json before = {{"outcome", d.outcome}, {"waitlist_position", d.waitlist_position ? json(*d.waitlist_position) : json()}};
    const std::int64_t expected = d.version;
    d.outcome = "accept";
    d.promoted = true;
    d.waitlist_position.reset();
    d.version += 1;
    d.updated_at = FormatUtc(now);
    auto saved = store::Save(tx, d, expected);
    if (!saved) return saved.error();
    if (!*saved) return Error::Conflict("a decision changed meanwhile; try again");
    Offer offer = NewOffer(c, d, now);
    if (auto r = store::InsertOffer(tx, offer); !r) return r.error();
    if (auto r = trail.Append(tx, ctx, {d.organisation_id, "decision", d.id, "promote", before.dump(),
                                        json({{"outcome", "accept"}, {"offer_id", offer.id}}).dump()});
        !r) {
      return r.error();
    }
    if (auto r = Letter(tx, ctx, c, d, "decision_promoted", offer, public_url); !r) return r.error();
    holding.push_back(waitlist[*next]);
    waitlist.erase(waitlist.begin() + static_cast<std::ptrdiff_t>(*next));
    waiting.erase(waiting.begin() + static_cast<std::ptrdiff_t>(*next));
    ++promoted;
  }
  return promoted;
}

}  // namespace

Result<Board> Service::Prepare(const RequestContext& ctx, const std::string& intake_id, const std::string& stage_id) {
  const auto now = ctx.clock.Now();
  const std::string now_text = FormatUtc(now);
  return db_.Write([&](db::Tx& tx) -> Result<Board> {
    auto c = ManagedDecisionStage(tx, ctx, intake_id, stage_id);
    if (!c) return c.error();
    auto stages = review::StagesOfCall(tx, c->stage.call_id);
    if (!stages) return stages.error();
    const review::Stage* source = nullptr;
    for (const auto& s : *stages) {
      if (s.position < c->stage.position && (s.kind == "review" || s.kind == "interview")) source = &s;
    }
    if (!source) return Error::FailedPrecondition("no review or interview stage comes before this decision stage");
    auto entries = review::StageEntries(tx, c->stage.id);
    if (!entries) return entries.error();
    if (entries->empty()) {
      return Error::FailedPrecondition("no application has entered the decision stage: short-list them from the stage before");
    }
    auto existing = store::OfStage(tx, c->stage.id);
    if (!existing) return existing.error();
    for (const auto& d : *existing) {
      if (d.state == "published") {
        return Error::Conflict("the decisions of this stage are published").WithCode("already_published");
      }
    }
    const auto map = MapQuotas(c->stage.settings.quotas);
    engines::RankingOptions options;
    options.capacity = static_cast<std::uint32_t>(std::max(0, c->intake.capacity));
    options.quotas = map.quotas;
    for (const auto& p : engines::CheckQuotas(options)) {
      const std::string at = "settings.quotas[" + std::to_string(p.quota) + "]";
      switch (p.kind) {
        case engines::QuotaProblem::Kind::kDimensionMinimumsExceedCapacity:
          return Error::InvalidArgument(
              "quotas cannot all be met",
              {{"settings.quotas", "quotas_infeasible",
                "the minimums on “" + map.fields[map.quotas[p.quota].dimension] + "” need " + std::to_string(p.seats) +
                    " seats, but the intake has " + std::to_string(p.capacity)}});
        default:
          return Error::InvalidArgument("quota cannot be used", {{at, "quota_invalid", "check its shares"}});
      }
    }
    auto ranking = review::RankStage(tx, *source);
    if (!ranking) return ranking.error();
    // Equal scores are ordered as the source stage orders them.
    options.tie_break_count = ranking->tie_break_count;
    options.tie_break_descending = ranking->tie_break_descending;
    std::map<std::string, const review::RankedEntry*> ranked;
    for (const auto& item : ranking->items) ranked[item.application_id] = &item;

    // Candidates in reference order (the engine's last tie-break is the index).
    struct Entry {
      std::string application_id, reference, applicant_id;
      const review::RankedEntry* ranked = nullptr;
      json categories = json::object();
    };
    std::vector<Entry> list;
    for (const auto& id : *entries) {
      auto app = applications::FindApplication(tx, id);
      if (!app) return app.error();
      if (!*app) continue;
      Entry e{id, (*app)->reference.value_or(""), (*app)->applicant_id, nullptr, json::object()};
      auto r = ranked.find(id);
      if (r != ranked.end() && r->second->rank) e.ranked = r->second;
      for (const auto& field : map.fields) e.categories[field] = QuotaValue((*app)->answers, field);
      list.push_back(std::move(e));
    }
    std::sort(list.begin(), list.end(), [](const Entry& a, const Entry& b) { return a.reference < b.reference; });
    std::vector<engines::RankingCandidate> candidates;
    std::vector<std::size_t> candidate_entry;
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (!list[i].ranked) continue;
      engines::RankingCandidate rc;
      rc.id = static_cast<std::uint32_t>(candidates.size());
      rc.score = list[i].ranked->score;
      rc.tie_breaks = list[i].ranked->tie_values;
      candidates.push_back(map.Categorise(rc, list[i].categories, c->stage.settings.quotas));
      candidate_entry.push_back(i);
    }
    const auto result = engines::Rank(candidates, options);

    std::map<std::string, Decision> by_application;
    for (auto& d : *existing) by_application[d.application_id] = d;
    std::vector<std::string> keep;
    auto upsert = [&](const Entry& e, const std::string& proposed, std::optional<std::int64_t> rank, std::optional<double> score,
                      std::optional<std::int64_t> position, json explanation) -> Result<void> {
      auto it = by_application.find(e.application_id);
      Decision d;
      const bool exists = it != by_application.end();
      if (exists) d = it->second;
      else {
        d.id = NewId(now);
        d.stage_id = c->stage.id;
        d.intake_id = c->intake.id;
        d.application_id = e.application_id;
        d.organisation_id = c->stage.organisation_id;
        d.created_at = now_text;
      }
      const std::int64_t expected = d.version;
      d.proposed_outcome = proposed;
      if (!d.override_reason) d.outcome = proposed;
      d.rank = rank;
      d.score = score;
      d.waitlist_position = d.outcome == "waitlist" ? position : std::nullopt;
      d.categories = e.categories;
      d.explanation = std::move(explanation);
      d.updated_at = now_text;
      keep.push_back(d.id);
      if (!exists) return store::Insert(tx, d);
      d.version += 1;
      auto saved = store::Save(tx, d, expected);
      if (!saved) return saved.error();
      if (!*saved) return Error::Conflict("a decision changed meanwhile; try again");
      return Ok();
    };
    std::int64_t position = 0;
    for (const auto& r : result.ranked) {
      const Entry& e = list[candidate_entry[r.id]];
      std::string proposed = "reject";
      std::optional<std::int64_t> wait;
      if (r.outcome == engines::RankOutcome::kSelected) {
        proposed = "accept";
      } else if (r.outcome == engines::RankOutcome::kWaitlisted && position < c->stage.settings.waitlist_size) {
        proposed = "waitlist";
        wait = ++position;
      }
      json explanation = {{"reason", ReasonWord(r.reason)}, {"source_rank", e.ranked->rank ? json(*e.ranked->rank) : json()}};
      if (r.quota >= 0) {
        const auto& q = c->stage.settings.quotas[static_cast<std::size_t>(r.quota)];
        explanation["quota"] = {{"field", q.field}, {"value", q.value}};
      }
      if (proposed == "reject" && r.outcome == engines::RankOutcome::kWaitlisted) explanation["reason"] = "beyond_waitlist";
      if (auto u = upsert(e, proposed, r.rank, e.ranked->score, wait, explanation); !u) return u.error();
    }
    for (const auto& e : list) {
      if (e.ranked) continue;
      if (auto u = upsert(e, "reject", std::nullopt, std::nullopt, std::nullopt, {{"reason", "not_scored"}}); !u) {
        return u.error();
      }
    }
    if (auto r = store::DeleteDrafts(tx, c->stage.id, keep); !r) return r.error();
    if (auto r = RenumberWaitlist(tx, c->stage.id, now_text); !r) return r.error();
    if (auto r = trail_.Append(tx, ctx, {c->stage.organisation_id, "stage", c->stage.id, "prepare_decisions", "",
                                         json({{"candidates", list.size()}, {"selected", result.selected}}).dump()});
        !r) {
      return r.error();
    }
    auto items = store::OfStage(tx, c->stage.id);
    if (!items) return items.error();
    Board b = MakeBoard(*c, std::move(*items));
    b.source_stage_id = source->id;
    return b;
  });
}

Result<Board> Service::BoardOf(const RequestContext& ctx, const std::string& intake_id, const std::string& stage_id) {
  auto board = db_.Read([&](db::Tx& tx) -> Result<Board> {
    auto c = ManagedDecisionStage(tx, ctx, intake_id, stage_id);
    if (!c) return c.error();
    auto items = store::OfStage(tx, c->stage.id);
    if (!items) return items.error();
    Board b = MakeBoard(*c, std::move(*items));
    b.organisation_id = c->stage.organisation_id;
    return b;
  });
  if (!board) return board;
  // The board names applicants: a read of personal data.
  auto audited = db_.Write([&](db::Tx& tx) {
    return trail_.Append(tx, ctx, {board->organisation_id, "stage", board->stage_id, "read_personal_data", "",
                                   json({{"decisions", board->items.size()}}).dump()});
  });
  if (!audited) return audited.error();
  return board;
}

Result<Decision> Service::Override(const RequestContext& ctx, const std::string& decision_id, const std::string& outcome,
                                   const std::string& reason) {
  const std::string now = FormatUtc(ctx.clock.Now());
  return db_.Write([&](db::Tx& tx) -> Result<Decision> {
    if (!LooksLikeId(decision_id)) return Error::NotFound("no such decision");
    auto d = store::Get(tx, decision_id);
    if (!d) return d.error();
    if (!*d) return Error::NotFound("no such decision");
    if (auto a = CanManage(tx, ctx, (*d)->organisation_id, "decision"); !a) return a.error();
    std::vector<FieldError> errors;
    if (outcome != "accept" && outcome != "waitlist" && outcome != "reject") {
      errors.push_back({"outcome", "invalid_choice", "accept, waitlist or reject"});
    }
    if (reason.empty()) errors.push_back({"reason", "required", "say why the ranking's proposal is changed"});
    else if (reason.size() > 2000) errors.push_back({"reason", "too_long", "at most 2000 bytes"});
    if (!errors.empty()) return Error::InvalidArgument("invalid change", errors);
    if ((*d)->state == "published") {
      return Error::Conflict("this decision is published").WithCode("already_published");
    }
    Decision& x = **d;
    const json before = {{"outcome", x.outcome}, {"override_reason", x.override_reason ? json(*x.override_reason) : json()}};
    const std::int64_t expected = x.version;
    x.outcome = outcome;
    x.override_reason = reason;
    x.overridden_by = ctx.actor.account_id;
    x.version += 1;
    x.updated_at = now;
    auto saved = store::Save(tx, x, expected);
    if (!saved) return saved.error();
    if (!*saved) return Error::Conflict("the decision changed meanwhile").WithCode("stale_version");
    if (auto r = trail_.Append(tx, ctx, {x.organisation_id, "decision", x.id, "override", before.dump(),
                                         json({{"outcome", outcome}, {"override_reason", reason}}).dump()});
        !r) {
      return r.error();
    }
    if (auto r = RenumberWaitlist(tx, x.stage_id, now); !r) return r.error();
    auto after = store::Get(tx, x.id);
    if (!after) return after.error();
    return std::move(**after);
  });
}

Result<PublishSummary> Service::Publish(const RequestContext& ctx, const std::string& intake_id,
                                        const std::string& stage_id) {
  const auto now = ctx.clock.Now();
  return db_.Write([&](db::Tx& tx) -> Result<PublishSummary> {
    auto c = ManagedDecisionStage(tx, ctx, intake_id, stage_id);
    if (!c) return c.error();
    auto all = store::OfStage(tx, c->stage.id);
    if (!all) return all.error();
    if (all->empty()) return Error::FailedPrecondition("prepare the decisions first");
    for (const auto& d : *all) {
      if (d.state == "published") {
        return Error::Conflict("the decisions of this stage are published already")
            .WithCode("already_published");
      }
    }
    // The decisions must be of exactly the applications in the stage now:
    // nobody who entered since is left without one, and nobody who withdrew
    // since gets an offer or a letter.
    auto entries = review::StageEntries(tx, c->stage.id);  // sorted, submitted only
    if (!entries) return entries.error();
    std::vector<std::string> decided;
    for (const auto& d : *all) {
      if (d.application_state != "submitted") {
        return Error::FailedPrecondition("prepare the decisions again: an applicant withdrew after they were prepared");
      }
      decided.push_back(d.application_id);
    }
    std::sort(decided.begin(), decided.end());
    if (decided != *entries) {
      return Error::FailedPrecondition("prepare the decisions again: applications entered the stage after they were prepared");
    }
    PublishSummary out;
    for (auto& d : *all) {
      const std::int64_t expected = d.version;
      d.state = "published";
      d.published_at = FormatUtc(now);
      d.updated_at = FormatUtc(now);
      d.version += 1;
      auto saved = store::Save(tx, d, expected);
      if (!saved) return saved.error();
      if (!*saved) return Error::Conflict("a decision changed meanwhile; try again");
      std::optional<Offer> offer;
      const char* letter = "decision_rejected";
      if (d.outcome == "accept") {
        offer = NewOffer(*c, d, now);
        if (auto r = store::InsertOffer(tx, *offer); !r) return r.error();
        ++out.offers;
        letter = "decision_accepted";
      } else if (d.outcome == "waitlist") {
        letter = "decision_waitlisted";
      }
      if (auto r = Letter(tx, ctx, *c, d, letter, offer, public_url_); !r) return r.error();
      json after = {{"outcome", d.outcome}, {"state", d.state}};
      if (offer) after["offer"] = {{"id", offer->id}, {"deadline_at", offer->deadline_at}};
      if (auto r = trail_.Append(tx, ctx, {d.organisation_id, "decision", d.id, "publish", "", after.dump()}); !r) {
        return r.error();
      }
      ++out.letters;
      ++out.published;
    }
    if (auto r = review::MarkDecided(tx, c->stage, FormatUtc(now)); !r) return r.error();
    if (auto r = trail_.Append(tx, ctx, {c->stage.organisation_id, "stage", c->stage.id, "publish_decisions", "",
                                         json({{"published", out.published}, {"offers", out.offers}}).dump()});
        !r) {
      return r.error();
    }
    return out;
  });
}

Result<std::vector<Offer>> Service::MyOffers(const RequestContext& ctx) {
  if (!ctx.actor.authenticated()) return Error::Unauthenticated("sign in to see your offers");
  return db_.Read([&](db::Tx& tx) { return store::OffersOfApplicant(tx, ctx.actor.account_id); });
}

namespace {

// The signed-in applicant's offer; kNotFound for anyone else's.
Result<Offer> OwnOffer(db::Tx& tx, const RequestContext& ctx, const std::string& offer_id) {
  if (!ctx.actor.authenticated()) return Error::Unauthenticated("sign in to answer your offer");
  if (!LooksLikeId(offer_id)) return Error::NotFound("no such offer");
  auto o = store::GetOffer(tx, offer_id);
  if (!o) return o.error();
  if (!*o || (*o)->applicant_id != ctx.actor.account_id) return Error::NotFound("no such offer");
  return std::move(**o);
}

}  // namespace

Result<Offer> Service::Accept(const RequestContext& ctx, const std::string& offer_id) {
  const auto now = ctx.clock.Now();
  bool expired = false;
  auto accepted = db_.Write([&](db::Tx& tx) -> Result<Offer> {
    auto o = OwnOffer(tx, ctx, offer_id);
    if (!o) return o.error();
    if (o->state == "open" && FormatUtc(now) >= o->deadline_at) {
      expired = true;
      return *o;
    }
    auto next = NextOfferState(o->state, OfferAction::kAccept);
    if (!next) return next.error();
    auto application = applications::FindApplication(tx, o->application_id);
    if (!application) return application.error();
    if (!*application || (*application)->state != "submitted") {
      return Error::FailedPrecondition("this application has been withdrawn");
    }
    Offer x = *o;
    x.state = *next;
    x.responded_at = FormatUtc(now);
    auto saved = store::SaveOffer(tx, x, o->state);
    if (!saved) return saved.error();
    if (!*saved) return Error::Conflict("the offer changed meanwhile; look again");
    if (auto r = store::InsertParticipant(tx, NewId(now), x, FormatUtc(now)); !r) return r.error();
    if (auto r = trail_.Append(tx, ctx, {x.organisation_id, "offer", x.id, "accept", json({{"state", o->state}}).dump(),
                                         json({{"state", x.state}}).dump()});
        !r) {
      return r.error();
    }
    return x;
  });
  if (!accepted) return accepted;
  if (expired) {
    if (auto r = ExpireOne(ctx, offer_id); !r) return r.error();
    return Error::Conflict("the deadline of this offer has passed").WithCode("offer_expired");
  }
  return accepted;
}

Result<Offer> Service::Decline(const RequestContext& ctx, const std::string& offer_id) {
  const auto now = ctx.clock.Now();
  return db_.Write([&](db::Tx& tx) -> Result<Offer> {
    auto o = OwnOffer(tx, ctx, offer_id);
    if (!o) return o.error();
    auto next = NextOfferState(o->state, OfferAction::kDecline);
    if (!next) return next.error();
    Offer x = *o;
    x.state = *next;
    x.responded_at = FormatUtc(now);
    auto saved = store::SaveOffer(tx, x, o->state);
    if (!saved) return saved.error();
    if (!*saved) return Error::Conflict("the offer changed meanwhile; look again");
    if (auto r = trail_.Append(tx, ctx, {x.organisation_id, "offer", x.id, "decline", json({{"state", o->state}}).dump(),
                                         json({{"state", x.state}}).dump()});
        !r) {
      return r.error();
    }
    auto d = store::Get(tx, x.decision_id);
    if (!d) return d.error();
    auto c = LoadStage(tx, (*d)->stage_id);
    if (!c) return c.error();
    if (auto p = Promote(tx, ctx, trail_, *c, public_url_); !p) return p.error();
    return x;
  });
}

Result<void> ReleaseSeatOf(db::Tx& tx, const RequestContext& ctx, const audit::Trail& trail,
                           const std::string& application_id, const std::string& public_url) {
  auto decisions = store::OfApplication(tx, application_id);
  if (!decisions) return decisions.error();
  const std::string now = FormatUtc(ctx.clock.Now());
  for (const auto& d : *decisions) {
    // An accepted place is left through the programme (a participant's
    // withdrawal), not by withdrawing the application.
    if (d.offer && d.offer->state == "accepted") {
      return Error::FailedPrecondition("you have accepted a place: ask the programme's coordinators to withdraw you");
    }
    if (d.offer && d.offer->state == "open") {
      Offer x = *d.offer;
      auto next = NextOfferState(x.state, OfferAction::kDecline);
      if (!next) return next.error();
      x.state = *next;
      x.responded_at = now;
      auto saved = store::SaveOffer(tx, x, "open");
      if (!saved) return saved.error();
      if (!*saved) return Error::Conflict("the offer changed meanwhile; look again");
      if (auto r = trail.Append(tx, ctx, {x.organisation_id, "offer", x.id, "decline", json({{"state", "open"}}).dump(),
                                          json({{"state", x.state}, {"reason", "application_withdrawn"}}).dump()});
          !r) {
        return r.error();
      }
    } else if (d.outcome != "waitlist") {
      continue;  // nothing held: a rejection, an answered or expired offer
    }
    if (auto r = RenumberWaitlist(tx, d.stage_id, now); !r) return r.error();
    auto c = LoadStage(tx, d.stage_id);
    if (!c) return c.error();
    if (auto p = Promote(tx, ctx, trail, *c, public_url); !p) return p.error();
  }
  return Ok();
}

Result<void> Service::ExpireOne(const RequestContext& ctx, const std::string& offer_id) {
  const auto now = ctx.clock.Now();
  return db_.Write([&](db::Tx& tx) -> Result<void> {
    auto o = store::GetOffer(tx, offer_id);
    if (!o) return o.error();
    if (!*o || (*o)->state != "open" || FormatUtc(now) < (*o)->deadline_at) return Ok();
    Offer x = **o;
    auto next = NextOfferState(x.state, OfferAction::kExpire);
    if (!next) return next.error();
    x.state = *next;
    x.responded_at = FormatUtc(now);
    auto saved = store::SaveOffer(tx, x, "open");
    if (!saved) return saved.error();
    if (!*saved) return Ok();  // answered meanwhile
    if (auto r = trail_.Append(tx, ctx, {x.organisation_id, "offer", x.id, "expire", json({{"state", "open"}}).dump(),
                                         json({{"state", x.state}}).dump()});
        !r) {
      return r.error();
    }
    auto d = store::Get(tx, x.decision_id);
    if (!d) return d.error();
    auto c = LoadStage(tx, (*d)->stage_id);
    if (!c) return c.error();
    auto p = Promote(tx, ctx, trail_, *c, public_url_);
    if (!p) return p.error();
    return Ok();
  });
}

Result<int> Service::ExpireDue(const RequestContext& ctx, int limit) {
  auto due = db_.Read([&](db::Tx& tx) { return store::DueOffers(tx, FormatUtc(ctx.clock.Now()), limit); });
  if (!due) return due.error();
  int expired = 0;
  for (const auto& o : *due) {
    // One offer that cannot expire (a bug, a lost connection) must not
    // hold up the others: it is logged and tried again at the next sweep.
    if (auto r = ExpireOne(ctx, o.id); !r) {
      LogEvent(LogLevel::kError, "offer expiry failed", {{"offer_id", o.id}, {"error", r.error().message()}});
      continue;
    }
    ++expired;
  }
  return expired;
}

}  // namespace cohort::decisions
