#pragma once
// Eligibility rules of a call: reading them, evaluating them against the
// answers, and saying why in the applicant's language. Pure: no I/O.
//
//   field_of_study_in        some education entry's field of study is in `values`
//                            (compared without regard to case and spacing)
//   graduation_year_between  some education entry graduates in [min, max]
//   age_between              the age on date `on`, from the birth date in `field`, is in [min, max]
//   language_at_least        the languages answer has `language` at `level` or above (CEFR; native above C2)
//   answer                   the answer to `field` compared with `value` by `op` (eq ne lt le gt ge in)
//
// A rule whose answer is missing fails with the reason "answer_missing".
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "domain/programmes/model.h"

namespace cohort::programmes {

// Reads rules, appending errors at "eligibility.rules[i].<member>": an
// unknown kind, a field that is not in `form` (unknown_field) or has the
// wrong type for the rule (wrong_field_type), a bad date, level or operator.
std::vector<Rule> ParseRules(const nlohmann::json& rules, const Form& form, std::vector<FieldError>& errors);
nlohmann::json ToJson(const Rule& rule);

struct RuleResult {
  std::string id;
  bool passed = false;
  bool knock_out = false;
  std::string code;                            // catalogue key under "eligibility."
  std::map<std::string, std::string> params;   // its placeholders
};

std::vector<RuleResult> Evaluate(const std::vector<Rule>& rules, const nlohmann::json& answers);
// "eligible" when every rule passes, "ineligible" when a knock-out rule
// fails, "review" when only other rules fail.
std::string Outcome(const std::vector<RuleResult>& results);

nlohmann::json ToJson(const RuleResult& result);
RuleResult RuleResultFromJson(const nlohmann::json& j);
// A text for comparison: letters case-folded (Latin, Azerbaijani and
// Cyrillic), spacing collapsed. Also compares reviewers' affiliations with
// applicants' universities (conflicts of interest).
std::string NormaliseForComparison(const std::string& text);

// Why the rule passed or failed, in `locale`.
std::string Reason(const RuleResult& result, const std::string& locale);
// The rule as one sentence for the public call page, in `locale`.
std::string Describe(const Rule& rule, const std::string& locale);

}  // namespace cohort::programmes
