#include "domain/applications/duplicates.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <sstream>
#include <vector>

namespace cohort::applications {
namespace {

// Azerbaijani and Russian letters as Latin ones, as passports spell them
// (Məmmədova → Mammadova, Лейла → Leyla), so a name typed either way meets
// itself when the transliteration is the usual one.
constexpr const char* kLetters[][2] = {
    {"ə", "a"}, {"Ə", "a"}, {"ı", "i"}, {"İ", "i"}, {"ö", "o"}, {"Ö", "o"}, {"ü", "u"}, {"Ü", "u"}, {"ğ", "g"},
    {"Ğ", "g"}, {"ş", "sh"}, {"Ş", "sh"}, {"ç", "ch"}, {"Ç", "ch"}, {"а", "a"}, {"б", "b"}, {"в", "v"}, {"г", "g"},
    {"д", "d"}, {"е", "e"}, {"ё", "e"}, {"ж", "zh"}, {"з", "z"}, {"и", "i"}, {"й", "y"}, {"к", "k"}, {"л", "l"},
    {"м", "m"}, {"н", "n"}, {"о", "o"}, {"п", "p"}, {"р", "r"}, {"с", "s"}, {"т", "t"}, {"у", "u"}, {"ф", "f"},
    {"х", "kh"}, {"ц", "ts"}, {"ч", "ch"}, {"ш", "sh"}, {"щ", "sh"}, {"ы", "y"}, {"э", "e"}, {"ю", "yu"}, {"я", "ya"},
    {"А", "a"}, {"Б", "b"}, {"В", "v"}, {"Г", "g"}, {"Д", "d"}, {"Е", "e"}, {"Ж", "zh"}, {"З", "z"}, {"И", "i"},
    {"К", "k"}, {"Л", "l"}, {"М", "m"}, {"Н", "n"}, {"О", "o"}, {"П", "p"}, {"Р", "r"}, {"С", "s"}, {"Т", "t"},
    {"У", "u"}, {"Ф", "f"}, {"Х", "kh"}, {"Ч", "ch"}, {"Ш", "sh"}, {"Э", "e"}, {"Ю", "yu"}, {"Я", "ya"},
    {"x", "kh"}, {"q", "g"}, {"ь", ""}, {"ъ", ""}};

}  // namespace

std::string NormaliseName(const std::string& name) {
  std::string s;
  for (char c : name) s += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const auto& [from, to] : kLetters) {
    const std::string f(from);
    for (auto pos = s.find(f); pos != std::string::npos; pos = s.find(f, pos + std::strlen(to))) s.replace(pos, f.size(), to);
  }
  std::vector<std::string> words;
  std::string word;
  for (char c : s + " ") {
    if (std::isalpha(static_cast<unsigned char>(c))) {
      word += c;
    } else if (!word.empty()) {
      words.push_back(word);
      word.clear();
    }
  }
  std::sort(words.begin(), words.end());
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

DedupeKeys KeysOf(const programmes::Form& form, const nlohmann::json& answers, const std::string& account_name,
                  const std::string& account_email) {
  DedupeKeys keys;
  keys.email = account_email;
  for (const auto& f : form.fields) {
    const auto it = answers.find(f.key);
    if (it == answers.end() || !it->is_string() || it->get_ref<const std::string&>().empty()) continue;
    const std::string& v = it->get_ref<const std::string&>();
    if (f.type == programmes::FieldType::kPhone && !keys.phone) {
      std::string digits;
      for (char c : v) {
        if (std::isdigit(static_cast<unsigned char>(c))) digits += c;
      }
      if (v.find('+') == std::string::npos && digits.starts_with("0")) digits = "994" + digits.substr(1);
      if (digits.size() >= 7) keys.phone = digits;
    } else if (f.type == programmes::FieldType::kDate && f.key.find("birth") != std::string::npos && !keys.name_birth) {
      const std::string name = NormaliseName(account_name);
      if (!name.empty()) keys.name_birth = name + "|" + v;
    } else if (f.type == programmes::FieldType::kEmail && !answers.is_null()) {
      std::string lower;
      for (char c : v) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (lower != account_email) keys.email = lower;
    }
  }
  return keys;
}

}  // namespace cohort::applications
