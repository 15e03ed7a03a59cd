#pragma once
// Call settings and forms: reading them from JSON with field-level errors,
// writing them back, and checking answers. Pure: no I/O.
//
// Two checks of answers, on purpose different:
//  * CheckShapes, on every autosave: a value must have the JSON shape its
//    field takes (a number for a number field, a list of rows for education
//    ...) and name a field of the form. Limits and required fields are not
//    checked, so a half-typed draft always saves.
//  * CheckForSubmission: everything — required visible fields, limits,
//    formats, choices — every problem at its field ("answers.<key>").
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "domain/programmes/model.h"

namespace cohort::programmes {

// Reads settings as a coordinator sends them (PUT .../call). Unknown
// members, bad keys, repeated keys, unknown types, choices without options,
// visible_if naming an unknown or later field, a window that closes before
// it opens: kInvalidArgument with one error per problem.
Result<CallSettings> ParseCallSettings(const nlohmann::json& body);
nlohmann::json ToJson(const CallSettings& settings);
nlohmann::json ToJson(const Field& field);

// A translated text (an object of az/en/ru strings) read from `j`; problems
// are appended to `errors` at `path`. Other modules' settings use it too.
Translated ReadTranslatedText(const nlohmann::json& j, const std::string& path, std::vector<FieldError>& errors,
                              bool required, size_t max_len);
nlohmann::json TranslatedToJson(const Translated& t);
// A stored translated text read back (string members only; anything else
// is skipped, since it was checked when saved).
Translated TranslatedFromJson(const nlohmann::json& j);

bool IsValidDate(const std::string& text);  // YYYY-MM-DD, a real calendar date
bool IsValidEmail(const std::string& text);
bool IsValidPhone(const std::string& text);
// CEFR levels in order; "native" is above C2. -1 for an unknown level.
int CefrRank(const std::string& level);

// The fields an applicant sees: not retired, and visible given `answers`.
bool IsVisible(const Form& form, const Field& field, const nlohmann::json& answers);

std::vector<FieldError> CheckShapes(const Form& form, const nlohmann::json& patch);
std::vector<FieldError> CheckForSubmission(const Form& form, const nlohmann::json& answers, int stage = 1);

}  // namespace cohort::programmes
