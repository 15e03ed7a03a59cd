// Forms, eligibility rules, the call window and the application workflow:
// the pure parts of calls and applications.
#include <gtest/gtest.h>

#include "domain/applications/workflow.h"
#include "domain/programmes/call_window.h"
#include "domain/programmes/eligibility.h"
#include "domain/programmes/form.h"

namespace cohort::programmes {
namespace {

using nlohmann::json;

Form MakeForm(const json& fields) {
  auto s = ParseCallSettings({{"title", {{"en", "T"}}}, {"form", {{"fields", fields}}}});
  EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().fields().at(0).field + " " + s.error().fields().at(0).code);
  return s.ok() ? s->form : Form{};
}

std::map<std::string, std::string> Codes(const std::vector<FieldError>& errors) {
  std::map<std::string, std::string> out;
  for (const auto& e : errors) out[e.field] = e.code;
  return out;
}

// Found by fuzz/fuzz_form.cc: settings that are not an object are refused, not thrown on.
TEST(Forms, SettingsThatAreNotAnObjectAreRefused) {
  for (const json& body : {json::array({json::object()}), json("call"), json(7), json(nullptr)}) {
    auto s = ParseCallSettings(body);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(Codes(s.error().fields())["settings"], "wrong_type");
  }
}

TEST(Forms, TextLimitsCountCharactersAndWordsNotBytes) {
  const Form form = MakeForm(json::parse(
      R"([{"key": "name", "type": "short_text", "label": {"az": "Ad"}, "max_chars": 5},
          {"key": "essay", "type": "long_text", "label": {"az": "Esse"}, "max_words": 3}])"));
  EXPECT_TRUE(CheckForSubmission(form, {{"name", "Şəbnə"}, {"essay", "bir  iki\nüç"}}).empty());
  EXPECT_EQ(Codes(CheckForSubmission(form, {{"name", "Şəbnəm"}, {"essay", "bir iki üç dörd"}})),
            (std::map<std::string, std::string>{{"answers.name", "too_long"}, {"answers.essay", "too_many_words"}}));
  EXPECT_EQ(Codes(CheckForSubmission(form, {{"name", "a\nb"}})),
            (std::map<std::string, std::string>{{"answers.name", "one_line"}}));
}

TEST(Forms, EveryTypeChecksItsFormat) {
  const Form form = MakeForm(json::parse(R"([
      {"key": "d", "type": "date", "label": {"en": "d"}},
      {"key": "n", "type": "number", "label": {"en": "n"}, "min": 1, "max": 10, "integer": true},
      {"key": "e", "type": "email", "label": {"en": "e"}},
      {"key": "p", "type": "phone", "label": {"en": "p"}},
      {"key": "c", "type": "multiple_choice", "label": {"en": "c"}, "max_choices": 1,
       "options": [{"value": "a", "label": {"en": "A"}}, {"value": "b", "label": {"en": "B"}}]},
      {"key": "l", "type": "languages", "label": {"en": "l"}},
      {"key": "u", "type": "education", "label": {"en": "u"}}])"));
  const json bad = json::parse(R"({"d": "2025-02-30", "n": 2.5, "e": "a@b", "p": "12-34", "c": ["a", "b"],
      "l": [{"language": "en", "level": "B3"}],
      "u": [{"university": "", "field_of_study": "Law", "degree": "phd", "graduation_year": 1900}]})");
  EXPECT_EQ(Codes(CheckForSubmission(form, bad)), (std::map<std::string, std::string>{
                                                      {"answers.d", "invalid_date"},
                                                      {"answers.n", "not_integer"},
                                                      {"answers.e", "invalid_email"},
                                                      {"answers.p", "invalid_phone"},
                                                      {"answers.c", "too_many_choices"},
                                                      {"answers.l[0].level", "not_an_option"},
                                                      {"answers.u[0].university", "required"},
                                                      {"answers.u[0].degree", "not_an_option"},
                                                      {"answers.u[0].graduation_year", "out_of_range"}}));
  const json good = json::parse(R"({"d": "2024-02-29", "n": 10, "e": "leyla@example.az", "p": "+994 (50) 123-45-67",
      "c": ["b"], "l": [{"language": "en", "level": "native"}],
      "u": [{"university": "BDU", "field_of_study": "Law", "degree": "master", "graduation_year": 2024}]})");
  EXPECT_TRUE(CheckForSubmission(form, good).empty());
}

TEST(Forms, HiddenFieldsAreNotRequiredAndRetiredOnesAreNotAsked) {
  const Form form = MakeForm(json::parse(R"([
      {"key": "abroad", "type": "single_choice", "label": {"en": "a"}, "required": true,
       "options": [{"value": "yes", "label": {"en": "Yes"}}, {"value": "no", "label": {"en": "No"}}]},
      {"key": "where", "type": "short_text", "label": {"en": "w"}, "required": true, "visible_if": {"field": "abroad", "equals": "yes"}},
      {"key": "old", "type": "short_text", "label": {"en": "o"}, "required": true, "retired": true}])"));
  EXPECT_TRUE(CheckForSubmission(form, {{"abroad", "no"}}).empty());
  EXPECT_EQ(Codes(CheckForSubmission(form, {{"abroad", "yes"}})),
            (std::map<std::string, std::string>{{"answers.where", "required"}}));
  EXPECT_EQ(Codes(CheckShapes(form, {{"old", "x"}})), (std::map<std::string, std::string>{{"answers.old", "unknown_field"}}));
}

TEST(Forms, SettingsRoundTripThroughJson) {
  const json in = json::parse(R"({"title": {"az": "Çağırış"}, "description": {"en": "**x**"},
      "opens_at_local": "2026-01-01T09:00", "closes_at_local": "2026-02-01T18:00", "time_zone": "Asia/Baku",
      "published": true,
      "form": {"fields": [{"key": "langs", "type": "languages", "label": {"en": "L"}, "required": true}]},
      "eligibility": {"rules": [{"id": "en", "kind": "language_at_least", "field": "langs", "language": "en", "level": "B2", "knock_out": true}]}})");
  auto parsed = ParseCallSettings(in);
  ASSERT_TRUE(parsed.ok());
  auto again = ParseCallSettings(ToJson(*parsed));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(ToJson(*again), ToJson(*parsed));
  EXPECT_EQ(ToJson(*parsed)["eligibility"]["rules"][0]["level"], "B2");
}

TEST(Eligibility, RulesSayWhyTheyPassOrFail) {
  const Form form = MakeForm(json::parse(R"([
      {"key": "birth", "type": "date", "label": {"en": "b"}},
      {"key": "edu", "type": "education", "label": {"en": "e"}},
      {"key": "region", "type": "short_text", "label": {"en": "r"}}])"));
  std::vector<FieldError> errors;
  const auto rules = ParseRules(json::parse(R"([
      {"id": "age", "kind": "age_between", "field": "birth", "on": "2026-09-01", "min": 18, "max": 29},
      {"id": "grad", "kind": "graduation_year_between", "field": "edu", "min": 2022, "max": 2026, "knock_out": true},
      {"id": "home", "kind": "answer", "field": "region", "op": "in", "value": ["Bakı", "Gəncə"]}])"),
                                form, errors);
  ASSERT_TRUE(errors.empty());
  const json answers = json::parse(R"({"birth": "1997-09-02", "edu": [{"university": "U", "field_of_study": "Law",
      "degree": "bachelor", "graduation_year": 2021}], "region": "Gəncə"})");
  const auto results = Evaluate(rules, answers);
  ASSERT_EQ(results.size(), 3u);
  EXPECT_TRUE(results[0].passed);  // 28 on 1 September 2026: the birthday is the day after
  EXPECT_EQ(Reason(results[0], "en"), "Your age on 2026-09-01 (28) is within 18–29.");
  EXPECT_FALSE(results[1].passed);
  EXPECT_EQ(Reason(results[1], "ru"), "Год выпуска (2021) вне пределов 2022–2026.");
  EXPECT_TRUE(results[2].passed);
  EXPECT_EQ(Outcome(results), "ineligible");
  EXPECT_EQ(Outcome({results[0], results[2]}), "eligible");
  auto soft = results[1];
  soft.knock_out = false;
  EXPECT_EQ(Outcome({results[0], soft}), "review");
  EXPECT_EQ(Reason(Evaluate(rules, json::object())[0], "en"), "The answer this rule needs (birth) is missing.");
  EXPECT_EQ(Describe(rules[2], "en"), "The answer to “region” ∈ Bakı, Gəncə.");
}

TEST(Eligibility, FieldsOfStudyMatchWithoutRegardToCaseInEveryAlphabet) {
  const Form form = MakeForm(json::parse(R"([{"key": "edu", "type": "education", "label": {"en": "e"}}])"));
  std::vector<FieldError> errors;
  const auto rules = ParseRules(json::parse(R"([{"id": "f", "kind": "field_of_study_in", "field": "edu",
      "values": ["İqtisadiyyat", "Юриспруденция", "Beynəlxalq münasibətlər"], "knock_out": true}])"),
                                form, errors);
  ASSERT_TRUE(errors.empty());
  auto with = [](const char* field) {
    return json{{"edu", json::array({{{"university", "U"}, {"field_of_study", field}, {"degree", "bachelor"},
                                      {"graduation_year", 2024}}})}};
  };
  EXPECT_TRUE(Evaluate(rules, with("iqtisadiyyat"))[0].passed);
  EXPECT_TRUE(Evaluate(rules, with("IQTISADIYYAT"))[0].passed);
  EXPECT_TRUE(Evaluate(rules, with("ЮРИСПРУДЕНЦИЯ"))[0].passed);
  EXPECT_TRUE(Evaluate(rules, with("BEYNƏLXALQ   MÜNASİBƏTLƏR"))[0].passed);
  EXPECT_FALSE(Evaluate(rules, with("Kimya"))[0].passed);
}

TEST(Eligibility, ARuleNamingAMissingOrUnsuitableFieldIsRefused) {
  const Form form = MakeForm(json::parse(R"([{"key": "birth", "type": "date", "label": {"en": "b"}}])"));
  std::vector<FieldError> errors;
  (void)ParseRules(json::parse(R"([
      {"id": "a", "kind": "field_of_study_in", "field": "education", "values": ["Law"]},
      {"id": "b", "kind": "language_at_least", "field": "birth", "language": "en", "level": "Z9"},
      {"id": "b", "kind": "teleport", "field": "birth"}])"),
                   form, errors);
  EXPECT_EQ(Codes(errors), (std::map<std::string, std::string>{{"eligibility.rules[0].field", "unknown_field"},
                                                                {"eligibility.rules[1].field", "wrong_field_type"},
                                                                {"eligibility.rules[1].level", "not_an_option"},
                                                                {"eligibility.rules[2].id", "duplicate"},
                                                                {"eligibility.rules[2].kind", "unknown_type"}}));
}

TEST(CallWindow, LocalTimesOfTheCallsZoneBecomeUtc) {
  EXPECT_EQ(*LocalToUtc("2026-12-01T18:00", "Asia/Baku"), "2026-12-01T14:00:00.000Z");
  // Baku kept summer time until 2015.
  EXPECT_EQ(*LocalToUtc("2015-07-01T12:00", "Asia/Baku"), "2015-07-01T07:00:00.000Z");
  EXPECT_EQ(*LocalToUtc("2026-07-01T12:00", "Europe/Istanbul"), "2026-07-01T09:00:00.000Z");
  EXPECT_EQ(UtcToLocal("2026-12-01T14:00:00.000Z", "Asia/Baku"), "2026-12-01 18:00");
  auto unknown = LocalToUtc("2026-12-01T18:00", "Mars/Olympus");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().fields().at(0).field, "time_zone");
}

}  // namespace
}  // namespace cohort::programmes

namespace cohort::applications {
namespace {

TEST(ApplicationWorkflow, TheTableAllowsOnlyItsMoves) {
  EXPECT_EQ(*Next("draft", Action::kSubmit), "submitted");
  EXPECT_EQ(*Next("submitted", Action::kWithdraw), "withdrawn");
  EXPECT_EQ(Next("submitted", Action::kEdit).error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(Next("withdrawn", Action::kWithdraw).error().message(), "this application is already withdrawn");
  EXPECT_EQ(ActionsFrom("draft"), (std::vector<std::string>{"edit", "submit", "withdraw"}));
  EXPECT_TRUE(ActionsFrom("withdrawn").empty());
}

TEST(ApplicationWorkflow, TheShortListFormOpensOnceAndIsSubmittedOnce) {
  EXPECT_EQ(*NextSecondStage("none", SecondStageAction::kOpen), "open");
  EXPECT_EQ(*NextSecondStage("open", SecondStageAction::kEdit), "open");
  EXPECT_EQ(*NextSecondStage("open", SecondStageAction::kSubmit), "submitted");
  EXPECT_EQ(NextSecondStage("open", SecondStageAction::kOpen).error().message(), "the short-list form is already open");
  EXPECT_EQ(NextSecondStage("none", SecondStageAction::kEdit).error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(NextSecondStage("submitted", SecondStageAction::kEdit).error().message(),
            "the short-list form has been submitted already");
  EXPECT_EQ(SecondStageActionsFrom("open"), (std::vector<std::string>{"edit_second_stage", "submit_second_stage"}));
  EXPECT_TRUE(SecondStageActionsFrom("none").empty());
  EXPECT_TRUE(SecondStageActionsFrom("submitted").empty());
}

}  // namespace
}  // namespace cohort::applications
