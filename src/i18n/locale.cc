#include "i18n/locale.h"

#include <cctype>
#include <cstdlib>
#include <string>

namespace cohort::i18n {

std::string_view Code(Locale locale) {
  switch (locale) {
    case Locale::kAz: return "az";
    case Locale::kEn: return "en";
    case Locale::kRu: return "ru";
  }
  return "az";
}

std::optional<Locale> ParseLocale(std::string_view code) {
  if (code.size() < 2) return std::nullopt;
  if (code.size() > 2 && code[2] != '-' && code[2] != '_') return std::nullopt;
  std::string lang{static_cast<char>(std::tolower(static_cast<unsigned char>(code[0]))),
                   static_cast<char>(std::tolower(static_cast<unsigned char>(code[1])))};
  if (lang == "az") return Locale::kAz;
  if (lang == "en") return Locale::kEn;
  if (lang == "ru") return Locale::kRu;
  return std::nullopt;
}

Locale FromAcceptLanguage(std::string_view header, Locale fallback) {
  std::optional<Locale> best;
  double best_q = 0;
  std::size_t pos = 0;
  while (pos <= header.size()) {
    auto comma = header.find(',', pos);
    if (comma == std::string_view::npos) comma = header.size();
    std::string_view item = header.substr(pos, comma - pos);
    pos = comma + 1;
    double q = 1.0;
    const auto semi = item.find(';');
    std::string_view tag = item.substr(0, semi);
    if (semi != std::string_view::npos) {
      const auto qpos = item.find("q=", semi);
      if (qpos != std::string_view::npos) q = std::strtod(std::string(item.substr(qpos + 2)).c_str(), nullptr);
    }
    while (!tag.empty() && tag.front() == ' ') tag.remove_prefix(1);
    while (!tag.empty() && tag.back() == ' ') tag.remove_suffix(1);
    auto locale = ParseLocale(tag);
    if (locale && q > best_q) {
      best = locale;
      best_q = q;
    }
  }
  return best.value_or(fallback);
}

}  // namespace cohort::i18n
