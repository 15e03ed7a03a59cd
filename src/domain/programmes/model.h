#pragma once
// Programmes (recurring, e.g. Migration School), their intakes (one run,
// e.g. "2025–2026") and the call of an intake: its window, form and
// eligibility rules. Answers to a form are JSON values.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace cohort::programmes {

// A text in the three languages; missing languages fall back az → en → ru.
using Translated = std::map<std::string, std::string>;
std::string InLanguage(const Translated& t, const std::string& locale);

struct Programme {
  std::string id;
  std::string organisation_id;
  std::string name;
  std::string code;  // 1-8 capital letters or digits, used in references
  std::string description;
  std::string created_at;
};

struct Intake {
  std::string id;
  std::string programme_id;
  std::string organisation_id;
  std::string name;
  std::string starts_on;  // YYYY-MM-DD
  std::string ends_on;
  int capacity = 0;
  std::string time_zone = "Asia/Baku";
  bool has_call = false;
  std::string created_at;
};

struct IntakeChange {
  std::optional<std::string> name, starts_on, ends_on, time_zone;
  std::optional<int> capacity;
};

enum class FieldType {
  kShortText, kLongText, kSingleChoice, kMultipleChoice, kDate, kNumber, kEmail, kPhone, kFile,
  kEducation, kLanguages, kConsent
};
std::string_view ToString(FieldType t);
std::optional<FieldType> ParseFieldType(std::string_view s);

struct Option {
  std::string value;
  Translated label;
};

struct VisibleIf {
  std::string field;
  nlohmann::json equals;
};

struct Field {
  std::string key;
  FieldType type = FieldType::kShortText;
  Translated label, help;
  bool required = false;
  bool retired = false;  // hidden from applicants; its answers are kept
  std::optional<int> max_chars, max_words;
  std::optional<double> min, max;
  bool integer = false;
  std::vector<Option> options;
  std::optional<int> max_choices;
  std::vector<std::string> accept;  // file extensions
  std::optional<std::int64_t> max_bytes;
  std::optional<VisibleIf> visible_if;
  int stage = 1;  // 1: application form; 2: short-list form
};

struct Form {
  std::vector<Field> fields;
  // Days a short-listed applicant has to answer the stage-2 questions.
  int second_stage_days = 14;
  const Field* Find(const std::string& key) const;
  // Whether the form has stage-2 questions (not retired): a short-list form.
  bool HasSecondStage() const;
};

enum class RuleKind { kFieldOfStudyIn, kGraduationYearBetween, kAgeBetween, kLanguageAtLeast, kAnswer };
std::string_view ToString(RuleKind k);

// One eligibility rule, declarative; see eligibility.h for its meaning.
struct Rule {
  std::string id;
  RuleKind kind = RuleKind::kAnswer;
  std::string field;
  std::vector<std::string> values;  // field_of_study_in
  std::optional<double> min, max;   // graduation_year_between, age_between
  std::string on;                   // age_between: the date the age is taken on
  std::string language, level;      // language_at_least
  std::string op;                   // answer: eq ne lt le gt ge in
  nlohmann::json value;             // answer
  bool knock_out = false;           // a failure makes the application ineligible by itself
};

// What a coordinator writes for a call.
struct CallSettings {
  Translated title, description;
  std::string opens_at_local, closes_at_local;  // "YYYY-MM-DDTHH:MM" in time_zone; empty when unset
  std::string time_zone = "Asia/Baku";
  bool published = false;
  Form form;
  std::vector<Rule> rules;
};

struct Call {
  std::string id;
  std::string intake_id;
  std::string organisation_id;
  std::string programme_id;
  // Shared and never changed once made: reading a call does not copy its form.
  std::shared_ptr<const CallSettings> settings = std::make_shared<const CallSettings>();
  std::optional<std::string> opens_at, closes_at;  // UTC
  std::string reference_prefix;
  int applications = 0;
  std::string updated_at;
};

// draft (unpublished), scheduled (published, not yet open), open, closed.
std::string CallState(const Call& call, const std::string& now_utc);

// A published call as the public list shows it.
struct CallSummary {
  Call call;
  std::string programme_name;
  std::string organisation_name, organisation_slug;
  std::string intake_name;
};

}  // namespace cohort::programmes
