#include "i18n/locale.h"

#include <gtest/gtest.h>

#include "i18n/catalog.h"

namespace cohort::i18n {
namespace {

TEST(Locale, AcceptLanguagePicksTheBestSupported) {
  EXPECT_EQ(FromAcceptLanguage(""), Locale::kAz);
  EXPECT_EQ(FromAcceptLanguage("en-US,en;q=0.9"), Locale::kEn);
  EXPECT_EQ(FromAcceptLanguage("de-DE, ru;q=0.5, en;q=0.4"), Locale::kRu);
  EXPECT_EQ(FromAcceptLanguage("fr, de"), Locale::kAz);
  EXPECT_EQ(FromAcceptLanguage("en;q=0.2, az;q=0.8"), Locale::kAz);
  EXPECT_EQ(FromAcceptLanguage("ru_RU"), Locale::kRu);
}

TEST(Locale, ParseAndCodeRoundTrip) {
  for (auto l : {Locale::kAz, Locale::kEn, Locale::kRu}) EXPECT_EQ(ParseLocale(Code(l)), l);
  EXPECT_FALSE(ParseLocale("tr"));
  EXPECT_FALSE(ParseLocale("english"));
}

TEST(Catalog, LooksUpDottedKeysFallsBackToEnglishAndFillsPlaceholders) {
  auto c = Catalog::FromFiles({{"en.json", R"({"a": {"b": "Hello {{name}}, {{name}}!"}, "only_en": "E"})"},
                               {"ru.json", R"({"a": {"b": "Привет, {{name}}"}})"}});
  EXPECT_EQ(c.Text(Locale::kRu, "a.b", {{"name", "Aysel"}}), "Привет, Aysel");
  EXPECT_EQ(c.Text(Locale::kEn, "a.b", {{"name", "X"}}), "Hello X, X!");
  EXPECT_EQ(c.Text(Locale::kRu, "only_en"), "E");
  EXPECT_EQ(c.Text(Locale::kAz, "missing.key"), "missing.key");
}

TEST(Catalog, EmbeddedCataloguesHaveEveryProblemTitleInEveryLanguage) {
  const auto& c = Catalog::Embedded();
  for (const char* kind : {"malformed_request", "unsupported_media_type", "invalid_argument", "unauthenticated",
                           "permission_denied", "not_found", "conflict", "failed_precondition", "resource_exhausted",
                           "unavailable", "internal", "method_not_allowed", "payload_too_large", "header_too_large",
                           "overloaded"}) {
    for (auto l : {Locale::kAz, Locale::kEn, Locale::kRu}) {
      EXPECT_TRUE(c.Has(l, std::string("errors.") + kind)) << Code(l) << " errors." << kind;
    }
  }
}

TEST(Catalog, EmbeddedCataloguesHaveTheSameKeys) {
  // A key missing in one language is a defect, not a silent fallback.
  const auto& c = Catalog::Embedded();
  const auto english = c.Keys(Locale::kEn);
  ASSERT_GT(english.size(), 20u);
  EXPECT_EQ(c.Keys(Locale::kAz), english);
  EXPECT_EQ(c.Keys(Locale::kRu), english);
}

}  // namespace
}  // namespace cohort::i18n
