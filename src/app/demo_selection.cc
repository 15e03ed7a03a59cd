#include "app/demo_selection.h"

#include <algorithm>
#include <cmath>
#include <random>

#include "domain/accounts/service.h"
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

  // Last year: every eligible application reviewed twice, nine in ten
  // reviews in, the top 150 short-listed for interviews.
  auto last_stage = PrepareReview(selection, as_mfa, last_intake_id, reviewer_ids);
  if (!last_stage) return last_stage.error();
  if (auto a = selection.Admit(as_mfa, *last_stage); !a) return a.error();
  if (auto a = selection.AssignAutomatically(as_mfa, *last_stage); !a) return a.error();
  std::mt19937 rng(2027);
  std::normal_distribution<double> quality(6.0, 1.6), noise(0.0, 0.8);
  std::map<std::string, double> quality_of;
  for (std::size_t i = 0; i < reviewer_ids.size(); ++i) {
    const RequestContext as_reviewer{Actor{reviewer_ids[i], false, ""}, "az", "demo", clock};
    auto queue = selection.MyReviews(as_reviewer, "assigned");
    if (!queue) return queue.error();
    for (std::size_t n = 0; n < queue->size(); ++n) {
      const auto& row = (*queue)[n];
      if (i == 0 && n % 10 == 0) continue;  // the demo reviewer still has some to do
      auto [q, added] = quality_of.emplace(row.review.application_id, 0.0);
      if (added) q->second = quality(rng);
      json scores = json::object();
      for (const char* key : {"motivation", "worldview", "languages", "communication"}) {
        scores[key] = std::clamp(std::round(q->second + kReviewers[i].bias + noise(rng)), 0.0, 10.0);
      }
      auto saved = selection.SaveReview(as_reviewer, row.review.id, scores, "",
                                        n % 7 == 0 ? "Motivasiya məktubu konkretdir, dil bilikləri yaxşıdır." : "",
                                        row.review.version);
      if (!saved) return saved.error();
      if (auto s = selection.SubmitReview(as_reviewer, row.review.id); !s) return s.error();
    }
  }
  review::ShortlistRequest top;
  top.top = 150;
  if (auto s = selection.Shortlist(as_mfa, *last_stage, top); !s) return s.error();

  // This year: stages and reviewers ready for when the call closes.
  auto current_stage = PrepareReview(selection, as_mfa, current_intake_id, reviewer_ids);
  if (!current_stage) return current_stage.error();
  return Ok();
}

}  // namespace cohort::app
