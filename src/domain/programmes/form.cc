#include "domain/programmes/form.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <regex>
#include <set>

#include <date/date.h>

#include "domain/programmes/eligibility.h"

namespace cohort::programmes {
namespace {

using nlohmann::json;

constexpr std::string_view kLanguages[] = {"az", "en", "ru"};

struct Errors {
  std::vector<FieldError> list;
  void Add(std::string field, std::string code, std::string message) {
    list.push_back({std::move(field), std::move(code), std::move(message)});
  }
};

bool ValidKey(const std::string& key) {
  static const std::regex re("[a-z][a-z0-9_]{0,63}");
  return std::regex_match(key, re);
}

// A translated text: an object of az/en/ru strings.
Translated ReadTranslated(const json& j, const std::string& path, Errors& errors, bool required, size_t max_len) {
  Translated out;
  if (j.is_null()) {
    if (required) errors.Add(path, "required", "required");
    return out;
  }
  if (!j.is_object()) {
    errors.Add(path, "wrong_type", "an object of texts by language (az, en, ru)");
    return out;
  }
  for (const auto& [lang, text] : j.items()) {
    if (std::find(std::begin(kLanguages), std::end(kLanguages), lang) == std::end(kLanguages)) {
      errors.Add(path + "." + lang, "unknown_language", "az, en or ru");
    } else if (!text.is_string()) {
      errors.Add(path + "." + lang, "wrong_type", "a text");
    } else if (text.get_ref<const std::string&>().size() > max_len) {
      errors.Add(path + "." + lang, "too_long", "at most " + std::to_string(max_len) + " bytes");
    } else if (!text.get_ref<const std::string&>().empty()) {
      out[lang] = text.get<std::string>();
    }
  }
  if (required && out.empty()) errors.Add(path, "required", "required in at least one language");
  return out;
}

json TranslatedJson(const Translated& t) {
  json out = json::object();
  for (const auto& [k, v] : t) out[k] = v;
  return out;
}

std::optional<int> OptionalInt(const json& f, const char* name, const std::string& path, Errors& errors, int lo,
                               int hi) {
  if (!f.contains(name) || f[name].is_null()) return std::nullopt;
  if (!f[name].is_number_integer() || f[name].get<std::int64_t>() < lo || f[name].get<std::int64_t>() > hi) {
    errors.Add(path + "." + name, "out_of_range", "a whole number from " + std::to_string(lo) + " to " + std::to_string(hi));
    return std::nullopt;
  }
  return f[name].get<int>();
}

std::optional<double> OptionalNumber(const json& f, const char* name, const std::string& path, Errors& errors) {
  if (!f.contains(name) || f[name].is_null()) return std::nullopt;
  if (!f[name].is_number()) {
    errors.Add(path + "." + name, "wrong_type", "a number");
    return std::nullopt;
  }
  return f[name].get<double>();
}

bool OptionalFlag(const json& f, const char* name, const std::string& path, Errors& errors) {
  if (!f.contains(name) || f[name].is_null()) return false;
  if (!f[name].is_boolean()) {
    errors.Add(path + "." + name, "wrong_type", "true or false");
    return false;
  }
  return f[name].get<bool>();
}

const std::set<std::string> kFieldMembers = {"key", "type", "label", "help", "required", "retired", "max_chars",
                                             "max_words", "min", "max", "integer", "options", "max_choices",
                                             "accept", "max_bytes", "visible_if", "stage"};
const std::set<std::string> kAllowedUploads = {"pdf", "docx", "jpeg", "jpg", "png"};

Field ReadField(const json& f, const std::string& path, Errors& errors) {
  Field field;
  if (!f.is_object()) {
    errors.Add(path, "wrong_type", "a field description");
    return field;
  }
  for (const auto& [k, v] : f.items()) {
    if (!kFieldMembers.contains(k)) errors.Add(path + "." + k, "unknown_field", "not a member of a form field");
  }
  if (f.contains("key") && f["key"].is_string()) field.key = f["key"].get<std::string>();
  if (!ValidKey(field.key)) {
    errors.Add(path + ".key", "invalid_key", "a lower-case letter, then letters, digits or _ (at most 64)");
  }
  const std::string type = f.contains("type") && f["type"].is_string() ? f["type"].get<std::string>() : "";
  if (auto t = ParseFieldType(type)) field.type = *t;
  else errors.Add(path + ".type", "unknown_type", "one of the field types");
  field.label = ReadTranslated(f.value("label", json()), path + ".label", errors, true, 500);
  field.help = ReadTranslated(f.value("help", json()), path + ".help", errors, false, 2000);
  field.required = OptionalFlag(f, "required", path, errors);
  field.retired = OptionalFlag(f, "retired", path, errors);
  field.integer = OptionalFlag(f, "integer", path, errors);
  field.max_chars = OptionalInt(f, "max_chars", path, errors, 1, 100000);
  field.max_words = OptionalInt(f, "max_words", path, errors, 1, 20000);
  field.max_choices = OptionalInt(f, "max_choices", path, errors, 1, 100);
  field.min = OptionalNumber(f, "min", path, errors);
  field.max = OptionalNumber(f, "max", path, errors);
  if (field.min && field.max && *field.min > *field.max) errors.Add(path + ".max", "out_of_range", "not below min");
  field.stage = OptionalInt(f, "stage", path, errors, 1, 2).value_or(1);
  if (f.contains("max_bytes") && !f["max_bytes"].is_null()) {
    if (!f["max_bytes"].is_number_integer() || f["max_bytes"].get<std::int64_t>() < 1 ||
        f["max_bytes"].get<std::int64_t>() > 10 * 1024 * 1024) {
      errors.Add(path + ".max_bytes", "out_of_range", "from 1 byte to 10 MiB");
    } else {
      field.max_bytes = f["max_bytes"].get<std::int64_t>();
    }
  }
  if (f.contains("accept") && !f["accept"].is_null()) {
    if (!f["accept"].is_array()) errors.Add(path + ".accept", "wrong_type", "a list of file types");
    else
      for (const auto& a : f["accept"]) {
        if (!a.is_string() || !kAllowedUploads.contains(a.get<std::string>())) {
          errors.Add(path + ".accept", "unknown_file_type", "pdf, docx, jpeg or png");
          break;
        }
        field.accept.push_back(a.get<std::string>());
      }
  }
  const bool choice = field.type == FieldType::kSingleChoice || field.type == FieldType::kMultipleChoice;
  if (f.contains("options") && !f["options"].is_null()) {
    if (!f["options"].is_array()) {
      errors.Add(path + ".options", "wrong_type", "a list of options");
    } else {
      std::set<std::string> seen;
      for (size_t i = 0; i < f["options"].size(); ++i) {
        const auto& o = f["options"][i];
        const std::string opath = path + ".options[" + std::to_string(i) + "]";
        Option option;
        if (!o.is_object() || !o.contains("value") || !o["value"].is_string() || o["value"].get<std::string>().empty() ||
            o["value"].get<std::string>().size() > 200) {
          errors.Add(opath + ".value", "required", "a value of at most 200 bytes");
          continue;
        }
        option.value = o["value"].get<std::string>();
        if (!seen.insert(option.value).second) errors.Add(opath + ".value", "duplicate", "each value once");
        option.label = ReadTranslated(o.value("label", json()), opath + ".label", errors, true, 500);
        field.options.push_back(std::move(option));
      }
    }
  }
  if (choice && field.options.empty()) errors.Add(path + ".options", "required", "a choice needs options");
  if (f.contains("visible_if") && !f["visible_if"].is_null()) {
    const auto& v = f["visible_if"];
    if (!v.is_object() || !v.contains("field") || !v["field"].is_string() || !v.contains("equals")) {
      errors.Add(path + ".visible_if", "wrong_type", "{\"field\": key, \"equals\": value}");
    } else {
      field.visible_if = VisibleIf{v["field"].get<std::string>(), v["equals"]};
    }
  }
  return field;
}

json OptionJson(const Option& o) { return {{"value", o.value}, {"label", TranslatedJson(o.label)}}; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::size_t CodePoints(const std::string& s) {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

std::size_t Words(const std::string& s) {
  std::size_t n = 0;
  bool in_word = false;
  for (char c : s) {
    const bool space = std::isspace(static_cast<unsigned char>(c));
    if (!space && !in_word) ++n;
    in_word = !space;
  }
  return n;
}

// Whether `answer` is given at all (absent, null, "", [] and false are not).
bool Given(const json& answer) {
  if (answer.is_null()) return false;
  if (answer.is_string()) return !Trim(answer.get_ref<const std::string&>()).empty();
  if (answer.is_array()) return !answer.empty();
  if (answer.is_boolean()) return answer.get<bool>();
  return true;
}

bool ShapeOk(const Field& field, const json& v) {
  switch (field.type) {
    case FieldType::kShortText:
    case FieldType::kLongText:
    case FieldType::kSingleChoice:
    case FieldType::kDate:
    case FieldType::kEmail:
    case FieldType::kPhone:
    case FieldType::kFile: return v.is_string() && v.get_ref<const std::string&>().size() <= 200000;
    case FieldType::kNumber: return v.is_number();
    case FieldType::kConsent: return v.is_boolean();
    case FieldType::kMultipleChoice:
      return v.is_array() && v.size() <= 200 && std::all_of(v.begin(), v.end(), [](const json& x) { return x.is_string(); });
    case FieldType::kEducation:
      return v.is_array() && v.size() <= 20 && std::all_of(v.begin(), v.end(), [](const json& row) {
               if (!row.is_object()) return false;
               for (const auto& [k, x] : row.items()) {
                 if (k == "graduation_year") {
                   if (!x.is_null() && !x.is_number_integer()) return false;
                 } else if (k == "university" || k == "field_of_study" || k == "degree") {
                   if (!x.is_string() || x.get_ref<const std::string&>().size() > 500) return false;
                 } else {
                   return false;
                 }
               }
               return true;
             });
    case FieldType::kLanguages:
      return v.is_array() && v.size() <= 30 && std::all_of(v.begin(), v.end(), [](const json& row) {
               if (!row.is_object()) return false;
               for (const auto& [k, x] : row.items()) {
                 if ((k != "language" && k != "level") || !x.is_string() || x.get_ref<const std::string&>().size() > 100) {
                   return false;
                 }
               }
               return true;
             });
  }
  return false;
}

const char* ShapeHint(FieldType t) {
  switch (t) {
    case FieldType::kNumber: return "a number";
    case FieldType::kConsent: return "true or false";
    case FieldType::kMultipleChoice: return "a list of option values";
    case FieldType::kEducation: return "a list of {university, field_of_study, degree, graduation_year}";
    case FieldType::kLanguages: return "a list of {language, level}";
    default: return "a text";
  }
}

void CheckValue(const Field& field, const json& v, const std::string& path, Errors& errors) {
  auto text = [&] { return v.get<std::string>(); };
  switch (field.type) {
    case FieldType::kShortText:
    case FieldType::kLongText: {
      const std::string s = text();
      if (field.max_chars && CodePoints(s) > static_cast<std::size_t>(*field.max_chars)) {
        errors.Add(path, "too_long", "at most " + std::to_string(*field.max_chars) + " characters");
      }
      if (field.max_words && Words(s) > static_cast<std::size_t>(*field.max_words)) {
        errors.Add(path, "too_many_words", "at most " + std::to_string(*field.max_words) + " words");
      }
      if (field.type == FieldType::kShortText && s.find('\n') != std::string::npos) {
        errors.Add(path, "one_line", "one line");
      }
      break;
    }
    case FieldType::kSingleChoice:
      if (std::none_of(field.options.begin(), field.options.end(), [&](const Option& o) { return o.value == text(); })) {
        errors.Add(path, "not_an_option", "one of the options");
      }
      break;
    case FieldType::kMultipleChoice: {
      std::set<std::string> seen;
      for (const auto& x : v) {
        const auto s = x.get<std::string>();
        if (std::none_of(field.options.begin(), field.options.end(), [&](const Option& o) { return o.value == s; }) ||
            !seen.insert(s).second) {
          errors.Add(path, "not_an_option", "each one of the options, once");
          break;
        }
      }
      if (field.max_choices && v.size() > static_cast<std::size_t>(*field.max_choices)) {
        errors.Add(path, "too_many_choices", "at most " + std::to_string(*field.max_choices) + " choices");
      }
      break;
    }
    case FieldType::kDate:
      if (!IsValidDate(text())) errors.Add(path, "invalid_date", "a date YYYY-MM-DD");
      break;
    case FieldType::kNumber: {
      const double d = v.get<double>();
      if (field.integer && (!std::isfinite(d) || std::floor(d) != d)) errors.Add(path, "not_integer", "a whole number");
      if ((field.min && d < *field.min) || (field.max && d > *field.max)) {
        errors.Add(path, "out_of_range", "out of range");
      }
      break;
    }
    case FieldType::kEmail:
      if (!IsValidEmail(text())) errors.Add(path, "invalid_email", "an e-mail address");
      break;
    case FieldType::kPhone:
      if (!IsValidPhone(text())) errors.Add(path, "invalid_phone", "a phone number with 7-15 digits");
      break;
    case FieldType::kFile: break;  // the document id is checked where documents live
    case FieldType::kConsent:
      if (!v.get<bool>()) errors.Add(path, "required", "required");
      break;
    case FieldType::kEducation:
      for (size_t i = 0; i < v.size(); ++i) {
        const auto& row = v[i];
        const std::string rp = path + "[" + std::to_string(i) + "]";
        for (const char* k : {"university", "field_of_study"}) {
          if (!row.contains(k) || Trim(row[k].get_ref<const std::string&>()).empty()) {
            errors.Add(rp + "." + k, "required", "required");
          }
        }
        const std::string degree = row.value("degree", "");
        if (degree != "bachelor" && degree != "master" && degree != "doctorate" && degree != "other") {
          errors.Add(rp + ".degree", "not_an_option", "bachelor, master, doctorate or other");
        }
        if (!row.contains("graduation_year") || !row["graduation_year"].is_number_integer() ||
            row["graduation_year"].get<int>() < 1950 || row["graduation_year"].get<int>() > 2100) {
          errors.Add(rp + ".graduation_year", "out_of_range", "a year from 1950 to 2100");
        }
      }
      break;
    case FieldType::kLanguages: {
      std::set<std::string> seen;
      for (size_t i = 0; i < v.size(); ++i) {
        const auto& row = v[i];
        const std::string rp = path + "[" + std::to_string(i) + "]";
        const std::string lang = row.value("language", "");
        if (Trim(lang).empty()) errors.Add(rp + ".language", "required", "required");
        else if (!seen.insert(lang).second) errors.Add(rp + ".language", "duplicate", "each language once");
        if (CefrRank(row.value("level", "")) < 0) errors.Add(rp + ".level", "not_an_option", "A1-C2 or native");
      }
      break;
    }
  }
}

}  // namespace

Translated ReadTranslatedText(const json& j, const std::string& path, std::vector<FieldError>& errors,
                              bool required, size_t max_len) {
  Errors e;
  Translated t = ReadTranslated(j, path, e, required, max_len);
  errors.insert(errors.end(), e.list.begin(), e.list.end());
  return t;
}

json TranslatedToJson(const Translated& t) { return TranslatedJson(t); }

Translated TranslatedFromJson(const json& j) {
  Translated t;
  if (!j.is_object()) return t;
  for (const auto& [lang, text] : j.items()) {
    if (text.is_string()) t[lang] = text.get<std::string>();
  }
  return t;
}

std::string InLanguage(const Translated& t, const std::string& locale) {
  if (auto it = t.find(locale); it != t.end()) return it->second;
  for (auto lang : kLanguages) {
    if (auto it = t.find(std::string(lang)); it != t.end()) return it->second;
  }
  return "";
}

bool IsValidDate(const std::string& text) {
  // Hand-written rather than std::regex: it runs for every date answer of
  // every submission.
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
  }
  const date::year_month_day ymd{date::year{std::stoi(text.substr(0, 4))},
                                 date::month{static_cast<unsigned>(std::stoi(text.substr(5, 2)))},
                                 date::day{static_cast<unsigned>(std::stoi(text.substr(8, 2)))}};
  return ymd.ok();
}

bool IsValidEmail(const std::string& text) {
  const auto at = text.find('@');
  if (text.size() > 254 || at == std::string::npos || at == 0 || at > 64 || text.find('@', at + 1) != std::string::npos) {
    return false;
  }
  if (std::any_of(text.begin(), text.end(), [](unsigned char c) { return std::isspace(c) || c < 0x20; })) return false;
  const std::string domain = text.substr(at + 1);
  const auto dot = domain.rfind('.');
  return dot != std::string::npos && dot > 0 && dot + 1 < domain.size() && domain.find("..") == std::string::npos;
}

bool IsValidPhone(const std::string& text) {
  std::size_t digits = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (std::isdigit(static_cast<unsigned char>(c))) ++digits;
    else if (c == '+' && digits == 0 && Trim(text.substr(0, i)).empty()) continue;
    else if (c != ' ' && c != '-' && c != '(' && c != ')') return false;
  }
  return digits >= 7 && digits <= 15;
}

int CefrRank(const std::string& level) {
  static const char* kLevels[] = {"A1", "A2", "B1", "B2", "C1", "C2", "native"};
  for (int i = 0; i < 7; ++i) {
    if (level == kLevels[i]) return i;
  }
  return -1;
}

const Field* Form::Find(const std::string& key) const {
  for (const auto& f : fields) {
    if (f.key == key) return &f;
  }
  return nullptr;
}

bool Form::HasSecondStage() const {
  return std::any_of(fields.begin(), fields.end(), [](const Field& f) { return f.stage == 2 && !f.retired; });
}

bool IsVisible(const Form& form, const Field& field, const json& answers) {
  if (field.retired) return false;
  if (!field.visible_if) return true;
  const Field* other = form.Find(field.visible_if->field);
  if (!other || !IsVisible(form, *other, answers)) return false;
  const auto it = answers.find(field.visible_if->field);
  if (it == answers.end()) return false;
  // A multiple choice shows the field when the value is among those chosen.
  if (it->is_array() && !field.visible_if->equals.is_array()) {
    return std::find(it->begin(), it->end(), field.visible_if->equals) != it->end();
  }
  return *it == field.visible_if->equals;
}

Result<CallSettings> ParseCallSettings(const json& body) {
  if (!body.is_object()) {
    return Error::InvalidArgument("invalid call settings", {{"settings", "wrong_type", "an object of call settings"}});
  }
  Errors errors;
  CallSettings s;
  static const std::set<std::string> kMembers = {"title", "description", "opens_at_local", "closes_at_local",
                                                 "time_zone", "published", "form", "eligibility"};
  for (const auto& [k, v] : body.items()) {
    if (!kMembers.contains(k)) errors.Add(k, "unknown_field", "not a member of call settings");
  }
  s.title = ReadTranslated(body.value("title", json()), "title", errors, true, 300);
  s.description = ReadTranslated(body.value("description", json()), "description", errors, false, 100000);
  static const std::regex local_re("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}");
  for (auto [name, target] : {std::pair{"opens_at_local", &s.opens_at_local}, std::pair{"closes_at_local", &s.closes_at_local}}) {
    if (!body.contains(name) || body[name].is_null() || (body[name].is_string() && body[name].get<std::string>().empty())) {
      continue;
    }
    if (!body[name].is_string() || !std::regex_match(body[name].get<std::string>(), local_re) ||
        !IsValidDate(body[name].get<std::string>().substr(0, 10))) {
      errors.Add(name, "invalid_datetime", "a local date and time YYYY-MM-DDTHH:MM");
    } else {
      *target = body[name].get<std::string>();
    }
  }
  if (!s.opens_at_local.empty() && !s.closes_at_local.empty() && s.closes_at_local <= s.opens_at_local) {
    errors.Add("closes_at_local", "closes_before_opening", "after the opening");
  }
  if (body.contains("time_zone") && !body["time_zone"].is_null()) {
    if (!body["time_zone"].is_string()) errors.Add("time_zone", "wrong_type", "an IANA time zone name");
    else s.time_zone = body["time_zone"].get<std::string>();
  }
  if (body.contains("published") && !body["published"].is_null()) {
    if (!body["published"].is_boolean()) errors.Add("published", "wrong_type", "true or false");
    else s.published = body["published"].get<bool>();
  }
  if (s.published && (s.opens_at_local.empty() || s.closes_at_local.empty())) {
    errors.Add(s.opens_at_local.empty() ? "opens_at_local" : "closes_at_local", "required", "a published call needs a window");
  }
  const json form = body.value("form", json::object());
  const json fields = form.is_object() ? form.value("fields", json::array()) : json();
  if (!fields.is_array()) {
    errors.Add("form.fields", "wrong_type", "a list of fields");
  } else {
    std::set<std::string> keys;
    for (size_t i = 0; i < fields.size(); ++i) {
      const std::string path = "form.fields[" + std::to_string(i) + "]";
      Field f = ReadField(fields[i], path, errors);
      if (!f.key.empty() && !keys.insert(f.key).second) errors.Add(path + ".key", "duplicate", "each key once");
      if (f.visible_if) {
        const Field* target = s.form.Find(f.visible_if->field);  // only earlier fields
        if (!target) errors.Add(path + ".visible_if.field", "unknown_field", "an earlier field of the form");
      }
      s.form.fields.push_back(std::move(f));
    }
    if (fields.size() > 300) errors.Add("form.fields", "too_many_items", "at most 300 fields");
  }
  if (form.is_object()) {
    for (const auto& [k, v] : form.items()) {
      if (k != "fields" && k != "second_stage_days") errors.Add("form." + k, "unknown_field", "not a member of a form");
    }
    if (form.contains("second_stage_days") && !form["second_stage_days"].is_null()) {
      const json& days = form["second_stage_days"];
      if (!days.is_number_integer() || days.get<std::int64_t>() < 1 || days.get<std::int64_t>() > 60) {
        errors.Add("form.second_stage_days", "out_of_range", "a whole number of days from 1 to 60");
      } else {
        s.form.second_stage_days = days.get<int>();
      }
    }
  }
  const json eligibility = body.value("eligibility", json::object());
  const json rules = eligibility.is_object() ? eligibility.value("rules", json::array()) : json();
  if (!rules.is_array()) errors.Add("eligibility.rules", "wrong_type", "a list of rules");
  else s.rules = ParseRules(rules, s.form, errors.list);
  if (!errors.list.empty()) return Error::InvalidArgument("invalid call settings", std::move(errors.list));
  return s;
}

json ToJson(const Field& f) {
  json j = {{"key", f.key},           {"type", ToString(f.type)}, {"label", TranslatedJson(f.label)},
            {"help", TranslatedJson(f.help)}, {"required", f.required}, {"retired", f.retired}, {"stage", f.stage}};
  if (f.max_chars) j["max_chars"] = *f.max_chars;
  if (f.max_words) j["max_words"] = *f.max_words;
  if (f.min) j["min"] = *f.min;
  if (f.max) j["max"] = *f.max;
  if (f.type == FieldType::kNumber) j["integer"] = f.integer;
  if (!f.options.empty()) {
    j["options"] = json::array();
    for (const auto& o : f.options) j["options"].push_back(OptionJson(o));
  }
  if (f.max_choices) j["max_choices"] = *f.max_choices;
  if (!f.accept.empty()) j["accept"] = f.accept;
  if (f.max_bytes) j["max_bytes"] = *f.max_bytes;
  if (f.visible_if) j["visible_if"] = {{"field", f.visible_if->field}, {"equals", f.visible_if->equals}};
  return j;
}

json ToJson(const CallSettings& s) {
  json fields = json::array();
  for (const auto& f : s.form.fields) fields.push_back(ToJson(f));
  json rules = json::array();
  for (const auto& r : s.rules) rules.push_back(ToJson(r));
  return {{"title", TranslatedJson(s.title)},
          {"description", TranslatedJson(s.description)},
          {"opens_at_local", s.opens_at_local},
          {"closes_at_local", s.closes_at_local},
          {"time_zone", s.time_zone},
          {"published", s.published},
          {"form", {{"fields", fields}, {"second_stage_days", s.form.second_stage_days}}},
          {"eligibility", {{"rules", rules}}}};
}

std::vector<FieldError> CheckShapes(const Form& form, const json& patch) {
  Errors errors;
  for (const auto& [key, value] : patch.items()) {
    const std::string path = "answers." + key;
    const Field* f = form.Find(key);
    if (!f || f->retired) {
      errors.Add(path, "unknown_field", "not a question of this form");
    } else if (!value.is_null() && !ShapeOk(*f, value)) {
      errors.Add(path, "wrong_type", ShapeHint(f->type));
    }
  }
  return errors.list;
}

std::vector<FieldError> CheckForSubmission(const Form& form, const json& answers, int stage) {
  Errors errors;
  for (const auto& f : form.fields) {
    if (f.stage != stage || !IsVisible(form, f, answers)) continue;
    const std::string path = "answers." + f.key;
    const auto it = answers.find(f.key);
    if (it == answers.end() || !Given(*it)) {
      if (f.required) errors.Add(path, "required", "required");
      continue;
    }
    if (!ShapeOk(f, *it)) {
      errors.Add(path, "wrong_type", ShapeHint(f.type));
      continue;
    }
    CheckValue(f, *it, path, errors);
  }
  return errors.list;
}

std::string_view ToString(FieldType t) {
  switch (t) {
    case FieldType::kShortText: return "short_text";
    case FieldType::kLongText: return "long_text";
    case FieldType::kSingleChoice: return "single_choice";
    case FieldType::kMultipleChoice: return "multiple_choice";
    case FieldType::kDate: return "date";
    case FieldType::kNumber: return "number";
    case FieldType::kEmail: return "email";
    case FieldType::kPhone: return "phone";
    case FieldType::kFile: return "file";
    case FieldType::kEducation: return "education";
    case FieldType::kLanguages: return "languages";
    case FieldType::kConsent: return "consent";
  }
  return "";
}

std::optional<FieldType> ParseFieldType(std::string_view s) {
  for (int i = 0; i <= static_cast<int>(FieldType::kConsent); ++i) {
    if (ToString(static_cast<FieldType>(i)) == s) return static_cast<FieldType>(i);
  }
  return std::nullopt;
}

}  // namespace cohort::programmes
