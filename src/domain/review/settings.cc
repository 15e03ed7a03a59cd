#include "domain/review/settings.h"

#include <algorithm>
#include <cmath>
#include <regex>

#include "domain/programmes/eligibility.h"
#include "domain/programmes/form.h"
#include "engines/scoring.h"

namespace cohort::review {
namespace {

using nlohmann::json;

const std::set<std::string> kSettingsMembers = {"name",      "rubric",        "reviewers_per_application",
                                                "aggregation", "calibrate",   "disagreement_threshold",
                                                "blind",     "hidden_fields", "others_scores",
                                                "conflict_fields", "offer_days", "waitlist_size", "quotas",
                                                "booking_cutoff_hours", "tie_breaks"};
const std::set<std::string> kQuotaMembers = {"field", "value", "min_share", "max_share"};
const std::set<std::string> kCriterionMembers = {"key", "label", "guidance", "weight", "min", "max"};

bool ValidKey(const std::string& key) {
  static const std::regex re("[a-z][a-z0-9_]{0,63}");
  return std::regex_match(key, re);
}

void Add(std::vector<FieldError>& errors, std::string field, std::string code, std::string message) {
  errors.push_back({std::move(field), std::move(code), std::move(message)});
}

double Number(const json& j, const char* name, const std::string& path, double fallback, std::vector<FieldError>& errors) {
  if (!j.contains(name) || j[name].is_null()) return fallback;
  if (!j[name].is_number() || !std::isfinite(j[name].get<double>())) {
    Add(errors, path + "." + name, "wrong_type", "a number");
    return fallback;
  }
  return j[name].get<double>();
}

bool Flag(const json& j, const char* name, const std::string& path, bool fallback, std::vector<FieldError>& errors) {
  if (!j.contains(name) || j[name].is_null()) return fallback;
  if (!j[name].is_boolean()) {
    Add(errors, path + "." + name, "wrong_type", "true or false");
    return fallback;
  }
  return j[name].get<bool>();
}

std::string Word(const json& j, const char* name, const std::string& path, const std::string& fallback,
                 std::initializer_list<const char*> allowed, std::vector<FieldError>& errors) {
  if (!j.contains(name) || j[name].is_null()) return fallback;
  if (j[name].is_string()) {
    const auto& v = j[name].get_ref<const std::string&>();
    for (const char* a : allowed) {
      if (v == a) return v;
    }
  }
  std::string list;
  for (const char* a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
  Add(errors, path + "." + name, "invalid_choice", "one of: " + list);
  return fallback;
}

// A list of form field keys, each a field of `form`.
std::vector<std::string> FieldKeys(const json& j, const char* name, const programmes::Form& form,
                                   std::vector<FieldError>& errors) {
  std::vector<std::string> out;
  const std::string path = std::string("settings.") + name;
  if (!j.contains(name) || j[name].is_null()) return out;
  if (!j[name].is_array()) {
    Add(errors, path, "wrong_type", "a list of form field keys");
    return out;
  }
  for (std::size_t i = 0; i < j[name].size(); ++i) {
    const auto& v = j[name][i];
    const std::string at = path + "[" + std::to_string(i) + "]";
    if (!v.is_string()) {
      Add(errors, at, "wrong_type", "a form field key");
      continue;
    }
    const auto& key = v.get_ref<const std::string&>();
    const bool known = std::any_of(form.fields.begin(), form.fields.end(), [&](const auto& f) { return f.key == key; });
    if (!known) Add(errors, at, "unknown_field", "not a field of the call's form");
    else if (std::find(out.begin(), out.end(), key) == out.end()) out.push_back(key);
  }
  return out;
}

Criterion ReadCriterion(const json& c, const std::string& path, std::vector<FieldError>& errors) {
  Criterion out;
  if (!c.is_object()) {
    Add(errors, path, "wrong_type", "a criterion");
    return out;
  }
  for (const auto& [k, v] : c.items()) {
    if (!kCriterionMembers.contains(k)) Add(errors, path + "." + k, "unknown_field", "not a member of a criterion");
  }
  if (c.contains("key") && c["key"].is_string()) out.key = c["key"].get<std::string>();
  if (!ValidKey(out.key)) Add(errors, path + ".key", "invalid_key", "a lower-case letter, then letters, digits or _ (at most 64)");
  out.label = programmes::ReadTranslatedText(c.value("label", json()), path + ".label", errors, true, 200);
  out.guidance = programmes::ReadTranslatedText(c.value("guidance", json()), path + ".guidance", errors, false, 4000);
  out.weight = Number(c, "weight", path, 1, errors);
  if (out.weight <= 0) Add(errors, path + ".weight", "weight_not_positive", "a weight above zero");
  else if (out.weight > 1000) Add(errors, path + ".weight", "out_of_range", "at most 1000");
  out.min = Number(c, "min", path, 0, errors);
  out.max = Number(c, "max", path, 10, errors);
  if (out.min >= out.max) Add(errors, path + ".max", "scale_inverted", "the top of the scale must be above its bottom");
  else if (out.max - out.min > 1000) Add(errors, path + ".max", "out_of_range", "a scale of at most 1000 points");
  return out;
}

}  // namespace

bool IsStageKind(const std::string& kind) {
  return kind == "screening" || kind == "review" || kind == "interview" || kind == "decision";
}

StageSettings DefaultSettings(const std::string& kind) {
  StageSettings s;
  if (kind == "screening") s.name = {{"az", "Uyğunluq yoxlaması"}, {"en", "Screening"}, {"ru", "Отбор по анкете"}};
  if (kind == "review") s.name = {{"az", "Qiymətləndirmə"}, {"en", "Review"}, {"ru", "Экспертная оценка"}};
  if (kind == "interview") s.name = {{"az", "Müsahibə"}, {"en", "Interview"}, {"ru", "Собеседование"}};
  if (kind == "decision") s.name = {{"az", "Qərar"}, {"en", "Decision"}, {"ru", "Решение"}};
  if (kind == "review" || kind == "interview") {
    s.rubric.push_back({"overall",
                        {{"az", "Ümumi qiymət"}, {"en", "Overall"}, {"ru", "Общая оценка"}},
                        {},
                        1,
                        0,
                        10});
  }
  if (kind == "interview") s.reviewers_per_application = 2;
  return s;
}

Result<StageSettings> ParseStageSettings(const json& j, const programmes::Form& form) {
  std::vector<FieldError> errors;
  StageSettings s;
  if (!j.is_object()) return Error::InvalidArgument("invalid stage settings", {{"settings", "wrong_type", "an object"}});
  for (const auto& [k, v] : j.items()) {
    if (!kSettingsMembers.contains(k)) Add(errors, "settings." + k, "unknown_field", "not a member of stage settings");
  }
  s.name = programmes::ReadTranslatedText(j.value("name", json()), "settings.name", errors, false, 200);
  if (j.contains("rubric") && !j["rubric"].is_null()) {
    if (!j["rubric"].is_array()) {
      Add(errors, "settings.rubric", "wrong_type", "a list of criteria");
    } else if (j["rubric"].size() > 30) {
      Add(errors, "settings.rubric", "too_many_items", "at most 30 criteria");
    } else {
      for (std::size_t i = 0; i < j["rubric"].size(); ++i) {
        const std::string path = "settings.rubric[" + std::to_string(i) + "]";
        Criterion c = ReadCriterion(j["rubric"][i], path, errors);
        const bool repeated =
            !c.key.empty() && std::any_of(s.rubric.begin(), s.rubric.end(), [&](const auto& o) { return o.key == c.key; });
        if (repeated) Add(errors, path + ".key", "duplicate_key", "another criterion has this key");
        s.rubric.push_back(std::move(c));
      }
    }
  }
  const double k = Number(j, "reviewers_per_application", "settings", 3, errors);
  if (k < 1 || k > 20 || k != std::floor(k)) {
    Add(errors, "settings.reviewers_per_application", "out_of_range", "a whole number from 1 to 20");
  } else {
    s.reviewers_per_application = static_cast<int>(k);
  }
  s.aggregation = Word(j, "aggregation", "settings", "mean", {"mean", "median"}, errors);
  s.calibrate = Flag(j, "calibrate", "settings", false, errors);
  s.disagreement_threshold = Number(j, "disagreement_threshold", "settings", 25, errors);
  if (s.disagreement_threshold < 0 || s.disagreement_threshold > 100) {
    Add(errors, "settings.disagreement_threshold", "out_of_range", "from 0 to 100 points");
  }
  s.blind = Flag(j, "blind", "settings", false, errors);
  s.hidden_fields = FieldKeys(j, "hidden_fields", form, errors);
  s.others_scores = Word(j, "others_scores", "settings", "after_submit", {"after_submit", "never"}, errors);
  s.conflict_fields = FieldKeys(j, "conflict_fields", form, errors);
  if (j.contains("tie_breaks") && !j["tie_breaks"].is_null()) {
    s.tie_breaks.clear();
    if (!j["tie_breaks"].is_array()) {
      Add(errors, "settings.tie_breaks", "wrong_type", "a list of tie-breaks");
    } else if (j["tie_breaks"].size() > 3) {
      Add(errors, "settings.tie_breaks", "too_many_items", "at most three tie-breaks");
    } else {
      for (std::size_t i = 0; i < j["tie_breaks"].size(); ++i) {
        const auto& t = j["tie_breaks"][i];
        const std::string at = "settings.tie_breaks[" + std::to_string(i) + "]";
        const std::string v = t.is_string() ? t.get<std::string>() : "";
        if (std::find(s.tie_breaks.begin(), s.tie_breaks.end(), v) != s.tie_breaks.end()) {
          Add(errors, at, "duplicate", "named twice");
        } else if (v == "raw" || v == "submitted_at") {
          s.tie_breaks.push_back(v);
        } else if (v.starts_with("criterion:")) {
          const std::string key = v.substr(10);
          const bool known = std::any_of(s.rubric.begin(), s.rubric.end(), [&](const auto& c) { return c.key == key; });
          if (!known) Add(errors, at, "unknown_criterion", "not a criterion of this stage's rubric");
          else s.tie_breaks.push_back(v);
        } else {
          Add(errors, at, "invalid_choice", "raw, submitted_at or criterion:<key>");
        }
      }
    }
  }
  const double cutoff = Number(j, "booking_cutoff_hours", "settings", 24, errors);
  if (cutoff < 0 || cutoff > 720 || cutoff != std::floor(cutoff)) {
    Add(errors, "settings.booking_cutoff_hours", "out_of_range", "a whole number of hours from 0 to 720");
  } else {
    s.booking_cutoff_hours = static_cast<int>(cutoff);
  }
  const double offer_days = Number(j, "offer_days", "settings", 7, errors);
  if (offer_days < 1 || offer_days > 60 || offer_days != std::floor(offer_days)) {
    Add(errors, "settings.offer_days", "out_of_range", "a whole number of days from 1 to 60");
  } else {
    s.offer_days = static_cast<int>(offer_days);
  }
  const double waitlist = Number(j, "waitlist_size", "settings", 50, errors);
  if (waitlist < 0 || waitlist > 10000 || waitlist != std::floor(waitlist)) {
    Add(errors, "settings.waitlist_size", "out_of_range", "a whole number from 0 to 10000");
  } else {
    s.waitlist_size = static_cast<int>(waitlist);
  }
  if (j.contains("quotas") && !j["quotas"].is_null()) {
    if (!j["quotas"].is_array()) {
      Add(errors, "settings.quotas", "wrong_type", "a list of quotas");
    } else {
      std::set<std::string> fields;
      for (std::size_t i = 0; i < j["quotas"].size(); ++i) {
        const auto& q = j["quotas"][i];
        const std::string path = "settings.quotas[" + std::to_string(i) + "]";
        if (!q.is_object()) {
          Add(errors, path, "wrong_type", "a quota");
          continue;
        }
        for (const auto& [member, v] : q.items()) {
          if (!kQuotaMembers.contains(member)) Add(errors, path + "." + member, "unknown_field", "not a member of a quota");
        }
        Quota quota;
        quota.field = q.value("field", json()).is_string() ? q["field"].get<std::string>() : "";
        const auto* field = form.Find(quota.field);
        using programmes::FieldType;
        if (!field) {
          Add(errors, path + ".field", "unknown_field", "not a field of the call's form");
        } else if (field->type != FieldType::kSingleChoice && field->type != FieldType::kMultipleChoice &&
                   field->type != FieldType::kShortText && field->type != FieldType::kEducation) {
          Add(errors, path + ".field", "wrong_field_type", "a choice, a short text or an education field");
        }
        quota.value = q.value("value", json()).is_string() ? q["value"].get<std::string>() : "";
        if (quota.value.empty() || quota.value.size() > 200) {
          Add(errors, path + ".value", "required", "a value of 1 to 200 bytes");
        } else if (field && !field->options.empty() &&
                   std::none_of(field->options.begin(), field->options.end(),
                                [&](const programmes::Option& o) { return o.value == quota.value; })) {
          // Answers to choices store option values: a label would match nobody.
          Add(errors, path + ".value", "not_an_option", "one of the field's option values");
        }
        quota.min_share = Number(q, "min_share", path, 0, errors);
        quota.max_share = Number(q, "max_share", path, 1, errors);
        if (quota.min_share < 0 || quota.min_share > 1) Add(errors, path + ".min_share", "out_of_range", "a share from 0 to 1");
        if (quota.max_share < 0 || quota.max_share > 1) Add(errors, path + ".max_share", "out_of_range", "a share from 0 to 1");
        if (quota.min_share > quota.max_share) Add(errors, path + ".max_share", "below_minimum", "at least the minimum share");
        for (const auto& other : s.quotas) {
          if (other.field == quota.field && programmes::NormaliseForComparison(other.value) ==
                                                programmes::NormaliseForComparison(quota.value)) {
            Add(errors, path + ".value", "duplicate_quota", "another quota names this value of this field");
          }
        }
        fields.insert(quota.field);
        s.quotas.push_back(std::move(quota));
      }
      if (fields.size() > 4) Add(errors, "settings.quotas", "too_many_fields", "quotas on at most four fields");
    }
  }
  if (!errors.empty()) return Error::InvalidArgument("invalid stage settings", std::move(errors));
  return s;
}

json ToJson(const Criterion& c) {
  return {{"key", c.key},       {"label", programmes::TranslatedToJson(c.label)},
          {"guidance", programmes::TranslatedToJson(c.guidance)},
          {"weight", c.weight}, {"min", c.min}, {"max", c.max}};
}

json ToJson(const StageSettings& s) {
  json quotas = json::array();
  for (const auto& q : s.quotas) {
    quotas.push_back({{"field", q.field}, {"value", q.value}, {"min_share", q.min_share}, {"max_share", q.max_share}});
  }
  json rubric = json::array();
  for (const auto& c : s.rubric) rubric.push_back(ToJson(c));
  return {{"name", programmes::TranslatedToJson(s.name)},
          {"rubric", rubric},
          {"reviewers_per_application", s.reviewers_per_application},
          {"aggregation", s.aggregation},
          {"calibrate", s.calibrate},
          {"disagreement_threshold", s.disagreement_threshold},
          {"blind", s.blind},
          {"hidden_fields", s.hidden_fields},
          {"others_scores", s.others_scores},
          {"conflict_fields", s.conflict_fields},
          {"tie_breaks", s.tie_breaks},
          {"booking_cutoff_hours", s.booking_cutoff_hours},
          {"offer_days", s.offer_days},
          {"waitlist_size", s.waitlist_size},
          {"quotas", quotas}};
}

json ToJson(const Stage& s) {
  return {{"id", s.id},
          {"call_id", s.call_id},
          {"intake_id", s.intake_id},
          {"organisation_id", s.organisation_id},
          {"position", s.position},
          {"kind", s.kind},
          {"settings", ToJson(s.settings)},
          {"version", s.version},
          {"entries", s.entries},
          {"decided_at", s.decided_at ? json(*s.decided_at) : json(nullptr)},
          {"reviews", {{"assigned", s.assigned}, {"submitted", s.submitted}, {"conflicts", s.conflicts}}},
          {"updated_at", s.updated_at}};
}

bool SameScoring(const std::vector<Criterion>& before, const std::vector<Criterion>& after) {
  if (before.size() != after.size()) return false;
  for (std::size_t i = 0; i < before.size(); ++i) {
    const auto& a = before[i];
    const auto& b = after[i];
    if (a.key != b.key || a.weight != b.weight || a.min != b.min || a.max != b.max) return false;
  }
  return true;
}

std::vector<FieldError> CheckScores(const std::vector<Criterion>& rubric, const json& scores, bool complete) {
  std::vector<FieldError> errors;
  if (!scores.is_object()) return {{"scores", "wrong_type", "an object of scores by criterion"}};
  for (const auto& [key, value] : scores.items()) {
    auto c = std::find_if(rubric.begin(), rubric.end(), [&](const auto& x) { return x.key == key; });
    if (c == rubric.end()) {
      Add(errors, "scores." + key, "unknown_criterion", "not a criterion of this stage's rubric");
    } else if (value.is_null()) {
      continue;
    } else if (!value.is_number() || !std::isfinite(value.get<double>())) {
      Add(errors, "scores." + key, "wrong_type", "a number");
    } else if (value.get<double>() < c->min || value.get<double>() > c->max) {
      Add(errors, "scores." + key, "out_of_scale", "from " + nlohmann::json(c->min).dump() + " to " + nlohmann::json(c->max).dump());
    }
  }
  if (complete) {
    for (const auto& c : rubric) {
      if (!scores.contains(c.key) || scores[c.key].is_null()) Add(errors, "scores." + c.key, "required", "required");
    }
  }
  return errors;
}

double TotalOf(const std::vector<Criterion>& rubric, const json& scores) {
  std::vector<engines::RubricCriterion> criteria;
  std::vector<double> values;
  for (const auto& c : rubric) {
    criteria.push_back({c.weight, c.min, c.max});
    values.push_back(scores.value(c.key, c.min));
  }
  return engines::WeightedTotal(criteria, values);
}

}  // namespace cohort::review
