// Call settings as coordinators send them, and answers checked against the
// form they define: {"settings": {...}, "answers": {...}}.
#include <cstddef>
#include <cstdint>

#include <nlohmann/json.hpp>

#include "domain/programmes/eligibility.h"
#include "domain/programmes/form.h"
#include "i18n/catalog.h"

// The fuzzer links the catalogue code without the catalogues compiled into
// the product: reasons fall back to their keys, which is all it needs.
namespace cohort::i18n {
const std::vector<cohort::EmbeddedFile>& EmbeddedCatalogues() {
  static const std::vector<cohort::EmbeddedFile> none;
  return none;
}
}  // namespace cohort::i18n

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto input = nlohmann::json::parse(data, data + size, nullptr, false);
  if (input.is_discarded() || !input.is_object()) return 0;
  auto settings = cohort::programmes::ParseCallSettings(input.value("settings", nlohmann::json::object()));
  if (!settings.ok()) return 0;
  // What was accepted must read back the same.
  auto again = cohort::programmes::ParseCallSettings(cohort::programmes::ToJson(*settings));
  if (!again.ok() || cohort::programmes::ToJson(*again) != cohort::programmes::ToJson(*settings)) __builtin_trap();
  const auto answers = input.value("answers", nlohmann::json::object());
  if (!answers.is_object()) return 0;
  (void)cohort::programmes::CheckShapes(settings->form, answers);
  (void)cohort::programmes::CheckForSubmission(settings->form, answers);
  if (cohort::programmes::CheckShapes(settings->form, answers).empty()) {
    for (const auto& r : cohort::programmes::Evaluate(settings->rules, answers)) (void)cohort::programmes::Reason(r, "az");
  }
  return 0;
}
