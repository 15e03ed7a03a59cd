#pragma once
// The three languages Cohort speaks. Azerbaijani is the default.
#include <optional>
#include <string_view>

namespace cohort::i18n {

enum class Locale { kAz, kEn, kRu };
inline constexpr Locale kDefaultLocale = Locale::kAz;

std::string_view Code(Locale locale);  // "az", "en", "ru"
std::optional<Locale> ParseLocale(std::string_view code);  // also accepts "en-GB", "ru_RU"

// The best supported language of an Accept-Language header (RFC 9110
// q-values honoured); `fallback` when none is supported.
Locale FromAcceptLanguage(std::string_view header, Locale fallback = kDefaultLocale);

}  // namespace cohort::i18n
