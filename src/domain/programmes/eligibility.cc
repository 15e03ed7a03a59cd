#include "domain/programmes/eligibility.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <regex>
#include <set>
#include <sstream>

#include "domain/programmes/form.h"
#include "i18n/catalog.h"

namespace cohort::programmes {
namespace {

using nlohmann::json;

const std::set<std::string> kRuleMembers = {"id", "kind", "field", "values", "min", "max", "on",
                                            "language", "level", "op", "value", "knock_out"};

std::optional<RuleKind> ParseKind(const std::string& s) {
  for (int i = 0; i <= static_cast<int>(RuleKind::kAnswer); ++i) {
    if (ToString(static_cast<RuleKind>(i)) == s) return static_cast<RuleKind>(i);
  }
  return std::nullopt;
}

// One letter, lower-cased for matching: Latin (ASCII and the Azerbaijani
// letters Ə Ç Ğ Ö Ş Ü), Cyrillic; I, İ and ı all become i, since people
// type Azerbaijani words with and without the dotless letters.
char32_t FoldLetter(char32_t c) {
  if (c >= 'A' && c <= 'Z') c += 32;
  if (c == U'ı' || c == U'İ') return U'i';
  if (c >= 0x0410 && c <= 0x042F) return c + 0x20;  // А-Я
  if (c == 0x0401) return 0x0451;                     // Ё
  switch (c) {
    case U'Ə': return U'ə';
    case U'Ç': return U'ç';
    case U'Ğ': return U'ğ';
    case U'Ö': return U'ö';
    case U'Ş': return U'ş';
    case U'Ü': return U'ü';
    default: return c;
  }
}

void AppendUtf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

// Fields of study and languages compare without case (FoldLetter) and with
// runs of white space as one. Invalid UTF-8 bytes are kept as they are.
std::string Normalise(const std::string& s) {
  std::string out;
  bool space = false;
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    const std::size_t len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 1;
    if (i + len > s.size() || (len > 1 && std::any_of(s.begin() + static_cast<std::ptrdiff_t>(i) + 1,
                                                      s.begin() + static_cast<std::ptrdiff_t>(i + len),
                                                      [](char x) { return (static_cast<unsigned char>(x) & 0xC0) != 0x80; }))) {
      out += s[i++];
      continue;
    }
    char32_t c = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
    for (std::size_t k = 1; k < len; ++k) c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    i += len;
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    AppendUtf8(out, FoldLetter(c));
  }
  return out;
}

std::string Number(double d) {
  if (std::floor(d) == d && std::fabs(d) < 1e15) return std::to_string(static_cast<long long>(d));
  std::ostringstream s;
  s << d;
  return s.str();
}

std::string Shown(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number()) return Number(v.get<double>());
  if (v.is_boolean()) return v.get<bool>() ? "✓" : "✗";
  if (v.is_array()) {
    std::string out;
    for (const auto& x : v) out += (out.empty() ? "" : ", ") + Shown(x);
    return out;
  }
  return v.dump();
}

// Operators as people read them in a reason.
std::string OpSymbol(const std::string& op) {
  static const std::map<std::string, std::string> kSymbols = {{"eq", "="}, {"ne", "≠"}, {"lt", "<"}, {"le", "≤"},
                                                              {"gt", ">"}, {"ge", "≥"}, {"in", "∈"}};
  auto it = kSymbols.find(op);
  return it == kSymbols.end() ? op : it->second;
}

bool Compare(const json& answer, const std::string& op, const json& value) {
  if (op == "in") return value.is_array() && std::find(value.begin(), value.end(), answer) != value.end();
  if (op == "eq") return answer == value;
  if (op == "ne") return answer != value;
  // Ordered comparisons: numbers with numbers, texts (e.g. dates) with texts.
  int cmp = 0;
  if (answer.is_number() && value.is_number()) {
    const double a = answer.get<double>(), b = value.get<double>();
    cmp = a < b ? -1 : a > b ? 1 : 0;
  } else if (answer.is_string() && value.is_string()) {
    cmp = answer.get<std::string>().compare(value.get<std::string>());
  } else {
    return false;
  }
  if (op == "lt") return cmp < 0;
  if (op == "le") return cmp <= 0;
  if (op == "gt") return cmp > 0;
  if (op == "ge") return cmp >= 0;
  return false;
}

// Whole years between two YYYY-MM-DD dates.
int AgeOn(const std::string& birth, const std::string& on) {
  const int by = std::stoi(birth.substr(0, 4)), oy = std::stoi(on.substr(0, 4));
  int age = oy - by;
  if (on.substr(5) < birth.substr(5)) --age;
  return age;
}

bool FieldFits(RuleKind kind, FieldType type) {
  switch (kind) {
    case RuleKind::kFieldOfStudyIn:
    case RuleKind::kGraduationYearBetween: return type == FieldType::kEducation;
    case RuleKind::kAgeBetween: return type == FieldType::kDate;
    case RuleKind::kLanguageAtLeast: return type == FieldType::kLanguages;
    case RuleKind::kAnswer: return type != FieldType::kFile && type != FieldType::kEducation && type != FieldType::kLanguages;
  }
  return false;
}

}  // namespace

std::string_view ToString(RuleKind k) {
  switch (k) {
    case RuleKind::kFieldOfStudyIn: return "field_of_study_in";
    case RuleKind::kGraduationYearBetween: return "graduation_year_between";
    case RuleKind::kAgeBetween: return "age_between";
    case RuleKind::kLanguageAtLeast: return "language_at_least";
    case RuleKind::kAnswer: return "answer";
  }
  return "";
}

std::vector<Rule> ParseRules(const json& rules, const Form& form, std::vector<FieldError>& errors) {
  std::vector<Rule> out;
  std::set<std::string> ids;
  static const std::regex id_re("[a-z0-9_-]{1,64}");
  for (size_t i = 0; i < rules.size(); ++i) {
    const json& r = rules[i];
    const std::string path = "eligibility.rules[" + std::to_string(i) + "]";
    auto add = [&](const std::string& member, std::string code, std::string message) {
      errors.push_back({path + (member.empty() ? "" : "." + member), std::move(code), std::move(message)});
    };
    if (!r.is_object()) {
      add("", "wrong_type", "a rule");
      continue;
    }
    for (const auto& [k, v] : r.items()) {
      if (!kRuleMembers.contains(k)) add(k, "unknown_field", "not a member of a rule");
    }
    Rule rule;
    rule.id = r.value("id", json("")).is_string() ? r.value("id", "") : "";
    if (!std::regex_match(rule.id, id_re)) add("id", "invalid_key", "letters, digits, _ or - (at most 64)");
    else if (!ids.insert(rule.id).second) add("id", "duplicate", "each id once");
    const auto kind = ParseKind(r.value("kind", json("")).is_string() ? r.value("kind", "") : "");
    if (!kind) {
      add("kind", "unknown_type", "one of the rule kinds");
      continue;
    }
    rule.kind = *kind;
    rule.field = r.value("field", json("")).is_string() ? r.value("field", "") : "";
    const Field* f = form.Find(rule.field);
    if (!f) add("field", "unknown_field", "a field of the form");
    else if (!FieldFits(rule.kind, f->type)) add("field", "wrong_field_type", "a field of a type this rule reads");
    if (r.contains("knock_out")) {
      if (!r["knock_out"].is_boolean()) add("knock_out", "wrong_type", "true or false");
      else rule.knock_out = r["knock_out"].get<bool>();
    }
    auto number = [&](const char* name, bool required) -> std::optional<double> {
      if (!r.contains(name) || r[name].is_null()) {
        if (required) add(name, "required", "required");
        return std::nullopt;
      }
      if (!r[name].is_number()) {
        add(name, "wrong_type", "a number");
        return std::nullopt;
      }
      return r[name].get<double>();
    };
    switch (rule.kind) {
      case RuleKind::kFieldOfStudyIn:
        if (!r.contains("values") || !r["values"].is_array() || r["values"].empty() ||
            !std::all_of(r["values"].begin(), r["values"].end(), [](const json& v) { return v.is_string(); })) {
          add("values", "required", "a list of fields of study");
        } else {
          for (const auto& v : r["values"]) rule.values.push_back(v.get<std::string>());
        }
        break;
      case RuleKind::kGraduationYearBetween:
      case RuleKind::kAgeBetween:
        rule.min = number("min", false);
        rule.max = number("max", false);
        if (!rule.min && !rule.max) add("min", "required", "a lower or upper bound");
        if (rule.min && rule.max && *rule.min > *rule.max) add("max", "out_of_range", "not below min");
        if (rule.kind == RuleKind::kAgeBetween) {
          rule.on = r.value("on", json("")).is_string() ? r.value("on", "") : "";
          if (!IsValidDate(rule.on)) add("on", "invalid_date", "a date YYYY-MM-DD");
        }
        break;
      case RuleKind::kLanguageAtLeast:
        rule.language = r.value("language", json("")).is_string() ? r.value("language", "") : "";
        rule.level = r.value("level", json("")).is_string() ? r.value("level", "") : "";
        if (rule.language.empty()) add("language", "required", "required");
        if (CefrRank(rule.level) < 0) add("level", "not_an_option", "A1-C2 or native");
        break;
      case RuleKind::kAnswer:
        rule.op = r.value("op", json("")).is_string() ? r.value("op", "") : "";
        if (rule.op != "eq" && rule.op != "ne" && rule.op != "lt" && rule.op != "le" && rule.op != "gt" &&
            rule.op != "ge" && rule.op != "in") {
          add("op", "not_an_option", "eq, ne, lt, le, gt, ge or in");
        }
        if (!r.contains("value")) add("value", "required", "required");
        else rule.value = r["value"];
        if (rule.op == "in" && !rule.value.is_array()) add("value", "wrong_type", "a list for 'in'");
        break;
    }
    out.push_back(std::move(rule));
  }
  return out;
}

json ToJson(const Rule& r) {
  json j = {{"id", r.id}, {"kind", ToString(r.kind)}, {"field", r.field}, {"knock_out", r.knock_out}};
  switch (r.kind) {
    case RuleKind::kFieldOfStudyIn: j["values"] = r.values; break;
    case RuleKind::kAgeBetween: j["on"] = r.on; [[fallthrough]];
    case RuleKind::kGraduationYearBetween:
      if (r.min) j["min"] = *r.min;
      if (r.max) j["max"] = *r.max;
      break;
    case RuleKind::kLanguageAtLeast: j["language"] = r.language; j["level"] = r.level; break;
    case RuleKind::kAnswer: j["op"] = r.op; j["value"] = r.value; break;
  }
  return j;
}

std::vector<RuleResult> Evaluate(const std::vector<Rule>& rules, const json& answers) {
  std::vector<RuleResult> out;
  for (const auto& rule : rules) {
    RuleResult res{rule.id, false, rule.knock_out, "", {}};
    const auto it = answers.find(rule.field);
    const bool missing = it == answers.end() || it->is_null() || (it->is_array() && it->empty()) ||
                         (it->is_string() && it->get_ref<const std::string&>().empty());
    auto between = [&](double v) { return (!rule.min || v >= *rule.min) && (!rule.max || v <= *rule.max); };
    auto bounds = [&] {
      res.params["min"] = rule.min ? Number(*rule.min) : "…";
      res.params["max"] = rule.max ? Number(*rule.max) : "…";
    };
    if (missing) {
      res.code = "answer_missing";
    } else {
      switch (rule.kind) {
        case RuleKind::kFieldOfStudyIn: {
          std::string studied;
          for (const auto& row : *it) {
            const std::string fos = row.is_object() ? row.value("field_of_study", "") : "";
            studied += (studied.empty() ? "" : ", ") + fos;
            for (const auto& v : rule.values) res.passed = res.passed || Normalise(v) == Normalise(fos);
          }
          res.code = res.passed ? "field_of_study_ok" : "field_of_study_not_in_list";
          res.params["field_of_study"] = studied;
          break;
        }
        case RuleKind::kGraduationYearBetween: {
          std::string years;
          for (const auto& row : *it) {
            if (!row.is_object() || !row.contains("graduation_year") || !row["graduation_year"].is_number()) continue;
            const double y = row["graduation_year"].get<double>();
            years += (years.empty() ? "" : ", ") + Number(y);
            res.passed = res.passed || between(y);
          }
          res.code = res.passed ? "graduation_year_ok" : "graduation_year_out_of_range";
          res.params["year"] = years.empty() ? "—" : years;
          bounds();
          break;
        }
        case RuleKind::kAgeBetween: {
          if (!it->is_string() || !IsValidDate(it->get<std::string>())) {
            res.code = "answer_missing";
            break;
          }
          const int age = AgeOn(it->get<std::string>(), rule.on);
          res.passed = between(age);
          res.code = res.passed ? "age_ok" : "age_out_of_range";
          res.params["age"] = std::to_string(age);
          res.params["on"] = rule.on;
          bounds();
          break;
        }
        case RuleKind::kLanguageAtLeast: {
          std::string found = "—";
          for (const auto& row : *it) {
            if (!row.is_object() || Normalise(row.value("language", "")) != Normalise(rule.language)) continue;
            // Several rows of one language: the best level counts.
            if (found == "—" || CefrRank(row.value("level", "")) > CefrRank(found)) found = row.value("level", "");
            res.passed = CefrRank(found) >= CefrRank(rule.level);
          }
          res.code = res.passed ? "language_ok" : "language_below";
          res.params["language"] = rule.language;
          res.params["level"] = found;
          res.params["required"] = rule.level;
          break;
        }
        case RuleKind::kAnswer:
          res.passed = Compare(*it, rule.op, rule.value);
          res.code = res.passed ? "answer_ok" : "answer_failed";
          res.params["answer"] = Shown(*it);
          res.params["op"] = OpSymbol(rule.op);
          res.params["value"] = Shown(rule.value);
          break;
      }
    }
    res.params["field"] = rule.field;
    out.push_back(std::move(res));
  }
  return out;
}

std::string Outcome(const std::vector<RuleResult>& results) {
  bool review = false;
  for (const auto& r : results) {
    if (r.passed) continue;
    if (r.knock_out) return "ineligible";
    review = true;
  }
  return review ? "review" : "eligible";
}

json ToJson(const RuleResult& r) {
  return {{"id", r.id}, {"passed", r.passed}, {"knock_out", r.knock_out}, {"code", r.code}, {"params", r.params}};
}

RuleResult RuleResultFromJson(const json& j) {
  RuleResult r;
  r.id = j.value("id", "");
  r.passed = j.value("passed", false);
  r.knock_out = j.value("knock_out", false);
  r.code = j.value("code", "");
  if (j.contains("params") && j["params"].is_object()) {
    for (const auto& [k, v] : j["params"].items()) r.params[k] = v.is_string() ? v.get<std::string>() : v.dump();
  }
  return r;
}

std::string NormaliseForComparison(const std::string& text) { return Normalise(text); }

std::string Reason(const RuleResult& result, const std::string& locale) {
  const auto lang = i18n::ParseLocale(locale).value_or(i18n::kDefaultLocale);
  return i18n::Catalog::Embedded().Text(lang, "eligibility." + result.code, result.params);
}

std::string Describe(const Rule& rule, const std::string& locale) {
  const auto lang = i18n::ParseLocale(locale).value_or(i18n::kDefaultLocale);
  std::map<std::string, std::string> params{{"field", rule.field}};
  std::string values;
  for (const auto& v : rule.values) values += (values.empty() ? "" : ", ") + v;
  params["values"] = values;
  params["min"] = rule.min ? Number(*rule.min) : "…";
  params["max"] = rule.max ? Number(*rule.max) : "…";
  params["on"] = rule.on;
  params["language"] = rule.language;
  params["level"] = rule.level;
  params["op"] = OpSymbol(rule.op);
  params["value"] = Shown(rule.value);
  return i18n::Catalog::Embedded().Text(lang, "eligibility.rule_" + std::string(ToString(rule.kind)), params);
}

}  // namespace cohort::programmes
