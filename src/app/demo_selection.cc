#include "app/demo_selection.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <set>

#include "core/time_format.h"

#include "domain/accounts/service.h"
#include "domain/decisions/service.h"
#include "domain/interviews/service.h"
#include "domain/organisations/service.h"
#include "domain/review/service.h"

namespace cohort::app {
namespace {

using nlohmann::json;

json Text(const char* az, const char* en, const char* ru) { return {{"az", az}, {"en", en}, {"ru", ru}}; }

// What the ministry looks for (seed 000): motivation, knowledge of
// international affairs, languages, communication.
json DiplomacyReview() {
  return {{"rubric",
           {{{"key", "motivation"},
             {"label", Text("Motivasiya", "Motivation", "Мотивация")},
             {"guidance", Text("Niyə diplomatik xidmət? Konkret nümunələr varmı?", "Why diplomatic service? Are there concrete examples?",
                               "Почему дипломатическая служба? Есть ли конкретные примеры?")},
             {"weight", 2}, {"min", 0}, {"max", 10}},
            {{"key", "worldview"},
             {"label", Text("Dünyagörüşü", "Worldview", "Кругозор")},
             {"guidance", Text("Beynəlxalq münasibətlər və Azərbaycanın xarici siyasəti barədə bilik.",
                               "Knowledge of international relations and Azerbaijan's foreign policy.",
                               "Знание международных отношений и внешней политики Азербайджана.")},
             {"weight", 2}, {"min", 0}, {"max", 10}},
            {{"key", "languages"},
             {"label", Text("Xarici dillər", "Foreign languages", "Иностранные языки")},
             {"weight", 1}, {"min", 0}, {"max", 10}},
            {{"key", "communication"},
             {"label", Text("Ünsiyyət", "Communication", "Коммуникация")},
             {"weight", 1}, {"min", 0}, {"max", 10}}}},
          {"reviewers_per_application", 2},
          {"calibrate", true},
          {"disagreement_threshold", 30},
          {"conflict_fields", {"education"}}};
}

struct DemoReviewer {
  const char* name;
  const char* email;
  const char* affiliation;
  double bias;  // strictness: points added to every score
};

constexpr DemoReviewer kReviewers[] = {
    {"Kamran Hüseynov", kDemoReviewerEmail, "ADA Universiteti", 0.0},
    {"Nərmin Qasımova", "nermin.qasimova@mfa.cohort.test", "Bakı Dövlət Universiteti", -2.0},
    {"Elvin Babayev", "elvin.babayev@mfa.cohort.test", "", 1.5},
    {"Səbinə Əhmədova", "sabina.ahmadova@mfa.cohort.test", "", -0.5},
    {"Tural Rzayev", "tural.rzayev@mfa.cohort.test", "Azərbaycan Dillər Universiteti", 1.0},
    {"Günay Mustafayeva", "gunay.mustafayeva@mfa.cohort.test", "", 0.5},
};

// Sets up a stage for review and names the reviewers; returns its id.
Result<std::string> PrepareReview(review::Service& selection, const RequestContext& ctx, const std::string& intake_id,
                                  const std::vector<std::string>& reviewer_ids) {
  auto stages = selection.Stages(ctx, intake_id);
  if (!stages) return stages.error();
  const review::Stage& stage = (*stages)[1];
  auto updated = selection.UpdateStage(ctx, stage.id, DiplomacyReview(), stage.version);
  if (!updated) return updated.error();
  for (std::size_t i = 0; i < reviewer_ids.size(); ++i) {
    review::StageReviewer r;
    r.account_id = reviewer_ids[i];
    if (*kReviewers[i].affiliation) r.affiliations = {kReviewers[i].affiliation};
    if (auto p = selection.PutReviewer(ctx, stage.id, r); !p) return p.error();
  }
  return stage.id;
}

}  // namespace

Result<void> LoadDemoSelection(db::Database& db, const audit::Trail& trail, const Clock& clock,
                               const std::string& mfa_admin_id, const std::string& mfa_id,
                               const std::string& last_intake_id, const std::string& current_intake_id) {
  const RequestContext as_mfa{Actor{mfa_admin_id, false, ""}, "az", "demo", clock};
  const RequestContext system{Actor{}, "az", "demo", clock};
  organisations::Service orgs(db, trail);
  std::vector<std::string> reviewer_ids;
  for (const auto& r : kReviewers) {
    const std::string password = r.email == std::string(kDemoReviewerEmail) ? kDemoReviewerPassword : "demo-staff-password-2026";
    auto account = accounts::CreateAdmin(db, trail, system, {r.email, r.name, password, mfa_id});
    if (!account) return account.error();
    if (auto g = orgs.GrantRole(as_mfa, mfa_id, account->id, "reviewer"); !g) return g.error();
    if (auto v = orgs.RevokeRole(as_mfa, mfa_id, account->id, "organisation_admin"); !v) return v.error();
    reviewer_ids.push_back(account->id);
  }
  review::Service selection(db, trail);
  // Last year's selection happened last year: a clock set to two weeks
  // after last year's call closed, moved on step by step.
  using std::chrono::hours;
  FakeClock past(clock.Now() - hours(24 * 345));
  const RequestContext as_mfa_then{Actor{mfa_admin_id, false, ""}, "az", "demo", past};
  auto as = [&](const std::string& id) { return RequestContext{Actor{id, false, ""}, "az", "demo", past}; };

  // Review: every eligible application twice, nine in ten reviews in (the
  // demo reviewer still has some to do), the top 150 to interviews.
  auto last_stage = PrepareReview(selection, as_mfa_then, last_intake_id, reviewer_ids);
  if (!last_stage) return last_stage.error();
  if (auto a = selection.Admit(as_mfa_then, *last_stage); !a) return a.error();
  if (auto a = selection.AssignAutomatically(as_mfa_then, *last_stage); !a) return a.error();
  std::mt19937 rng(2027);
  std::normal_distribution<double> quality(6.0, 1.6), noise(0.0, 0.8);
  std::map<std::string, double> quality_of;
  auto score = [&](const std::string& application_id, double bias, std::initializer_list<const char*> keys) {
    auto [q, added] = quality_of.emplace(application_id, 0.0);
    if (added) q->second = quality(rng);
    json scores = json::object();
    for (const char* key : keys) scores[key] = std::clamp(std::round(q->second + bias + noise(rng)), 0.0, 10.0);
    return scores;
  };
  for (std::size_t i = 0; i < reviewer_ids.size(); ++i) {
    auto queue = selection.MyReviews(as(reviewer_ids[i]), "assigned");
    if (!queue) return queue.error();
    for (std::size_t n = 0; n < queue->size(); ++n) {
      const auto& row = (*queue)[n];
      if (i == 0 && n % 10 == 0) continue;
      auto saved = selection.SaveReview(as(reviewer_ids[i]), row.review.id,
                                        score(row.review.application_id, kReviewers[i].bias,
                                              {"motivation", "worldview", "languages", "communication"}),
                                        "", n % 7 == 0 ? "Motivasiya məktubu konkretdir, dil bilikləri yaxşıdır." : "",
                                        row.review.version);
      if (!saved) return saved.error();
      if (auto s = selection.SubmitReview(as(reviewer_ids[i]), row.review.id); !s) return s.error();
    }
  }
  review::ShortlistRequest top;
  top.top = 150;
  if (auto s = selection.Shortlist(as_mfa_then, *last_stage, top); !s) return s.error();

  // Interviews a week later: three panels of two, five mornings of ten
  // 25-minute interviews each, scheduled automatically.
  auto stages = selection.Stages(as_mfa_then, last_intake_id);
  if (!stages) return stages.error();
  const review::Stage interview = (*stages)[2];
  const review::Stage decision = (*stages)[3];
  json interview_settings = DiplomacyReview();
  interview_settings["name"] = Text("Müsahibə", "Interview", "Собеседование");
  if (auto u = selection.UpdateStage(as_mfa_then, interview.id, interview_settings, interview.version); !u) return u.error();
  interviews::Service panels(db, trail);
  std::map<std::string, std::vector<std::size_t>> interviewers_of;  // panel id -> reviewer indices
  for (std::size_t p = 0; p < 3; ++p) {
    interviews::Panel panel;
    panel.name = std::string("Komissiya ") + static_cast<char>('A' + p);
    panel.location = p == 2 ? "https://meet.mfa.gov.az/dv-komissiya-c" : "Nazirlik, " + std::to_string(201 + p) + " saylı otaq";
    panel.members = {reviewer_ids[2 * p], reviewer_ids[2 * p + 1]};
    auto made = panels.AddPanel(as_mfa_then, interview.id, panel);
    if (!made) return made.error();
    interviewers_of[made->id] = {2 * p, 2 * p + 1};
    interviews::SlotRequest slots;
    slots.stage_id = interview.id;
    slots.panel_id = made->id;
    for (int d = 0; d < 5; ++d) slots.days.push_back(FormatUtc(past.Now() + hours(24 * (7 + d))).substr(0, 10));
    slots.from = "09:30";
    slots.to = "14:30";
    slots.length_minutes = 25;
    slots.break_minutes = 5;
    if (auto s = panels.GenerateSlots(as_mfa_then, last_intake_id, slots); !s) return s.error();
  }
  auto scheduled = panels.Schedule(as_mfa_then, interview.id);
  if (!scheduled) return scheduled.error();
  // After the interviews: a few did not come; the panels scored the rest.
  past.Advance(hours(24 * 13));
  auto booked = panels.Slots(as_mfa_then, interview.id);
  if (!booked) return booked.error();
  int turn = 0;
  std::set<std::string> absent;
  for (const auto& b : booked->second) {
    const bool away = ++turn % 30 == 0;
    if (away) absent.insert(b.application_id);
    if (auto a = panels.Attendance(as_mfa_then, b.id, away ? "no_show" : "attended"); !a) return a.error();
  }
  for (const auto& [panel_id, members] : interviewers_of) {
    for (std::size_t i : members) {
      auto queue = selection.MyReviews(as(reviewer_ids[i]), "assigned");
      if (!queue) return queue.error();
      for (const auto& row : *queue) {
        if (row.stage_kind != "interview") continue;
        if (absent.contains(row.review.application_id)) continue;
        auto saved = selection.SaveReview(as(reviewer_ids[i]), row.review.id,
                                          score(row.review.application_id, kReviewers[i].bias,
                                                {"motivation", "worldview", "languages", "communication"}),
                                          "", "", row.review.version);
        if (!saved) return saved.error();
        if (auto s = selection.SubmitReview(as(reviewer_ids[i]), row.review.id); !s) return s.error();
      }
    }
  }
  review::ShortlistRequest finalists;
  finalists.top = 110;
  if (auto s = selection.Shortlist(as_mfa_then, interview.id, finalists); !s) return s.error();

  // Decisions: 80 places, at most 60% from Baku, a waitlist of 20; most
  // accept, a few decline and their places go down the waitlist.
  auto decided = selection.UpdateStage(as_mfa_then, decision.id,
                                       {{"offer_days", 7}, {"waitlist_size", 20},
                                        {"quotas", {{{"field", "region"}, {"value", "baku"}, {"max_share", 0.6}}}}},
                                       decision.version);
  if (!decided) return decided.error();
  decisions::Service board(db, trail);
  auto prepared = board.Prepare(as_mfa_then, last_intake_id, decision.id);
  if (!prepared) return prepared.error();
  if (auto p = board.Publish(as_mfa_then, last_intake_id, decision.id); !p) return p.error();
  past.Advance(hours(24 * 2));
  for (int round = 0; round < 3; ++round) {
    auto current = board.BoardOf(as_mfa_then, last_intake_id, decision.id);
    if (!current) return current.error();
    for (const auto& d : current->items) {
      if (!d.offer || d.offer->state != "open") continue;
      const auto who = as(d.applicant_id);
      if (round == 0 && d.rank && *d.rank % 25 == 0) {
        if (auto r = board.Decline(who, d.offer->id); !r) return r.error();
      } else if (auto r = board.Accept(who, d.offer->id); !r) {
        return r.error();
      }
    }
  }

  // This year: stages and reviewers ready for when the call closes.
  auto current_stage = PrepareReview(selection, as_mfa, current_intake_id, reviewer_ids);
  if (!current_stage) return current_stage.error();
  return Ok();
}

}  // namespace cohort::app
