#include "app/demo_calls.h"

#include <random>
#include <thread>

#include <nlohmann/json.hpp>

#include "core/time_format.h"
#include "domain/accounts/service.h"
#include "domain/applications/service.h"
#include "domain/programmes/form.h"
#include "domain/programmes/service.h"

namespace cohort::app {
namespace {

using nlohmann::json;

// Real Azerbaijani names, universities and fields of study, combined by a
// seeded generator so every demo is the same.
constexpr const char* kWomen[] = {"Aysel", "Leyla", "Nigar", "Günel", "Səbinə", "Aynur", "Könül", "Fidan", "Nərmin",
                                  "Lalə", "Sevinc", "Ülviyyə", "Türkan", "Aytən", "Gülnar", "Xədicə", "Zəhra",
                                  "Mədinə", "Nazlı", "Arzu", "Vüsalə", "Şəbnəm", "İlahə", "Röya"};
constexpr const char* kMen[] = {"Rəşad", "Elvin", "Tural", "Orxan", "Kamran", "Nihad", "Fərid", "Ramil", "Ceyhun",
                                "Murad", "Anar", "Elnur", "Vüqar", "Səbuhi", "Toğrul", "İlkin", "Emil", "Rauf",
                                "Şahin", "Fuad", "Əli", "Hüseyn", "Nicat", "Ülvi"};
constexpr const char* kSurnames[] = {"Məmmədov", "Əliyev", "Həsənov", "Hüseynov", "Quliyev", "İsmayılov", "Abbasov",
                                     "Rzayev", "Kərimov", "Nəsirov", "Cəfərov", "Bağırov", "Səfərov", "Orucov",
                                     "Babayev", "Qasımov", "Rəhimov", "Sadıqov", "Vəliyev", "Zeynalov", "Mustafayev",
                                     "Nəbiyev", "Şükürov", "Tağıyev"};
constexpr const char* kTranslit[][2] = {{"ə", "e"}, {"ı", "i"}, {"ö", "o"}, {"ü", "u"}, {"ğ", "g"}, {"ş", "sh"},
                                        {"ç", "ch"}, {"Ə", "e"}, {"İ", "i"}, {"Ö", "o"}, {"Ü", "u"}, {"Ş", "sh"},
                                        {"Ç", "ch"}, {"Ğ", "g"}};
constexpr const char* kUniversities[] = {"Bakı Dövlət Universiteti", "ADA Universiteti",
                                         "Azərbaycan Dövlət İqtisad Universiteti (UNEC)", "Xəzər Universiteti",
                                         "Azərbaycan Dillər Universiteti", "Bakı Slavyan Universiteti",
                                         "Azərbaycan Texniki Universiteti", "Gəncə Dövlət Universiteti",
                                         "Bakı Mühəndislik Universiteti", "Azərbaycan Dövlət Pedaqoji Universiteti",
                                         "Bakı Ali Neft Məktəbi", "Naxçıvan Dövlət Universiteti"};
constexpr const char* kFields[] = {"Beynəlxalq münasibətlər", "Hüquqşünaslıq", "İqtisadiyyat", "Regionşünaslıq",
                                   "Filologiya", "Jurnalistika", "Politologiya", "Tarix", "Dünya iqtisadiyyatı",
                                   "Tərcümə", "Kompüter elmləri", "Sosiologiya", "Menecment", "Psixologiya"};
constexpr const char* kRegions[] = {"baku", "ganja", "sumqayit", "lankaran", "sheki", "nakhchivan", "quba", "shirvan"};
constexpr const char* kMotivations[] = {
    "Diplomatik xidmətdə ölkəmi təmsil etmək və beynəlxalq münasibətlər sahəsində təcrübə qazanmaq istəyirəm.",
    "Universitetdə aldığım bilikləri praktikada tətbiq etmək və nazirliyin işini daxildən öyrənmək istəyirəm.",
    "Könüllü kimi Azərbaycanın xarici siyasətinə töhfə vermək və peşəkar şəbəkəmi genişləndirmək istəyirəm.",
    "Xarici dil biliklərimi diplomatik yazışmalarda və tədbirlərdə istifadə etmək istəyirəm.",
    "Konsulluq xidmətlərinin necə işlədiyini öyrənmək və vətəndaşlara kömək etmək istəyirəm."};

std::string Ascii(std::string s) {
  for (const auto& [from, to] : kTranslit) {
    for (auto pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos)) s.replace(pos, std::strlen(from), to);
  }
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

json Translated(const char* az, const char* en, const char* ru) { return {{"az", az}, {"en", en}, {"ru", ru}}; }

json Option(const char* value, const char* az, const char* en, const char* ru) {
  return {{"value", value}, {"label", Translated(az, en, ru)}};
}

// The Diplomacy Volunteers form: what the ministry asks.
json DiplomacyForm() {
  json regions = json::array();
  const char* names[][3] = {{"Bakı", "Baku", "Баку"},         {"Gəncə", "Ganja", "Гянджа"},
                            {"Sumqayıt", "Sumqayit", "Сумгайыт"}, {"Lənkəran", "Lankaran", "Ленкорань"},
                            {"Şəki", "Sheki", "Шеки"},         {"Naxçıvan", "Nakhchivan", "Нахчыван"},
                            {"Quba", "Guba", "Губа"},          {"Şirvan", "Shirvan", "Ширван"}};
  for (std::size_t i = 0; i < std::size(kRegions); ++i) regions.push_back(Option(kRegions[i], names[i][0], names[i][1], names[i][2]));
  return {
      {{"key", "birth_date"}, {"type", "date"}, {"required", true},
       {"label", Translated("Doğum tarixi", "Date of birth", "Дата рождения")}},
      {{"key", "phone"}, {"type", "phone"}, {"required", true},
       {"label", Translated("Mobil telefon", "Mobile phone", "Мобильный телефон")}},
      {{"key", "region"}, {"type", "single_choice"}, {"required", true}, {"options", regions},
       {"label", Translated("Yaşadığınız region", "Region of residence", "Регион проживания")}},
      {{"key", "education"}, {"type", "education"}, {"required", true},
       {"label", Translated("Təhsil", "Education", "Образование")},
       {"help", Translated("Bakalavr və magistr təhsilinizi əlavə edin.", "Add your bachelor's and master's studies.",
                           "Добавьте бакалавриат и магистратуру.")}},
      {{"key", "languages"}, {"type", "languages"}, {"required", true},
       {"label", Translated("Xarici dillər", "Foreign languages", "Иностранные языки")}},
      {{"key", "lived_abroad"}, {"type", "single_choice"},
       {"options", json::array({Option("yes", "Bəli", "Yes", "Да"), Option("no", "Xeyr", "No", "Нет")})},
       {"label", Translated("Xaricdə yaşamısınız və ya təhsil almısınız?", "Have you lived or studied abroad?",
                            "Жили или учились за рубежом?")}},
      {{"key", "abroad_where"}, {"type", "short_text"}, {"required", true}, {"max_chars", 200},
       {"visible_if", {{"field", "lived_abroad"}, {"equals", "yes"}}},
       {"label", Translated("Harada və nə qədər?", "Where and for how long?", "Где и как долго?")}},
      {{"key", "motivation"}, {"type", "long_text"}, {"required", true}, {"max_words", 300},
       {"label", Translated("Niyə Diplomatiya Könüllüsü olmaq istəyirsiniz?", "Why do you want to be a Diplomacy Volunteer?",
                            "Почему вы хотите стать волонтёром дипломатии?")}},
      {{"key", "cv"}, {"type", "file"}, {"accept", json::array({"pdf", "docx"})}, {"max_bytes", 10485760},
       {"label", Translated("CV", "CV", "Резюме")}},
      {{"key", "consent"}, {"type", "consent"}, {"required", true},
       {"label", Translated("Məlumatlarımın seçim məqsədilə emalına razıyam.",
                            "I agree to my data being processed for the selection.",
                            "Согласен(на) на обработку моих данных для отбора.")}}};
}

json DiplomacySettings(const std::string& opens, const std::string& closes, const std::string& age_on) {
  return {{"title", Translated("Diplomatiya Könüllüləri", "Diplomacy Volunteers", "Волонтёры дипломатии")},
          {"description",
           Translated("Xarici İşlər Nazirliyi **Diplomatiya Könüllüləri** proqramına qəbul elan edir: altı ay ərzində "
                      "nazirliyin departamentlərində təcrübə, təlimlər və dövlət qurumlarına səfərlər.\n\n"
                      "- Bakalavr və ya magistr pilləsinin məzunları\n- İngilis dili ən azı B2\n- 18–29 yaş",
                      "The Ministry of Foreign Affairs invites applications to the **Diplomacy Volunteers** programme: "
                      "six months of internships rotating across the ministry's departments, trainings and visits.\n\n"
                      "- Bachelor's or master's graduates\n- English at B2 or above\n- Aged 18–29",
                      "МИД объявляет набор в программу **«Волонтёры дипломатии»**: шесть месяцев стажировок в "
                      "департаментах министерства, тренинги и визиты в государственные учреждения.\n\n"
                      "- Выпускники бакалавриата или магистратуры\n- Английский не ниже B2\n- Возраст 18–29 лет")},
          {"opens_at_local", opens},
          {"closes_at_local", closes},
          {"time_zone", "Asia/Baku"},
          {"published", true},
          {"form", {{"fields", DiplomacyForm()}}},
          {"eligibility",
           {{"rules",
             {{{"id", "age"}, {"kind", "age_between"}, {"field", "birth_date"}, {"on", age_on}, {"min", 18}, {"max", 29},
               {"knock_out", true}},
              {{"id", "graduated"}, {"kind", "graduation_year_between"}, {"field", "education"}, {"min", 2015},
               {"max", std::stoi(age_on.substr(0, 4))}, {"knock_out", true}},
              {{"id", "english"}, {"kind", "language_at_least"}, {"field", "languages"}, {"language", "İngilis"},
               {"level", "B2"}}}}}}};
}

json MigrationSchoolSettings(const std::string& opens, const std::string& closes) {
  return {{"title", Translated("Miqrasiya Məktəbi", "Migration School", "Миграционная школа")},
          {"description",
           Translated("Dövlət Miqrasiya Xidmətinin altı aylıq **Miqrasiya Məktəbi**: hüquq, beynəlxalq münasibətlər və "
                      "iqtisadiyyat ixtisaslı gənclər üçün. Seçim iki mərhələlidir: anket və müsahibə.",
                      "The State Migration Service's six-month **Migration School** for young graduates in law, "
                      "international relations and economics. Selection has two stages: the form, then an interview.",
                      "Шестимесячная **Миграционная школа** Государственной миграционной службы для выпускников-юристов, "
                      "международников и экономистов. Отбор в два этапа: анкета, затем собеседование.")},
          {"opens_at_local", opens},
          {"closes_at_local", closes},
          {"time_zone", "Asia/Baku"},
          {"published", true},
          {"form",
           {{"fields",
             {{{"key", "education"}, {"type", "education"}, {"required", true},
               {"label", Translated("Təhsil", "Education", "Образование")}},
              {{"key", "languages"}, {"type", "languages"}, {"label", Translated("Dillər", "Languages", "Языки")}},
              {{"key", "essay"}, {"type", "long_text"}, {"required", true}, {"max_words", 500},
               {"label", Translated("Miqrasiya siyasəti haqqında esse", "An essay on migration policy",
                                    "Эссе о миграционной политике")}},
              {{"key", "consent"}, {"type", "consent"}, {"required", true},
               {"label", Translated("Razıyam", "I agree", "Согласен(на)")}}}}}},
          {"eligibility",
           {{"rules",
             {{{"id", "field"}, {"kind", "field_of_study_in"}, {"field", "education"},
               {"values", {"Hüquqşünaslıq", "Beynəlxalq münasibətlər", "İqtisadiyyat"}}, {"knock_out", true}}}}}}};
}

std::string LocalAt(TimePoint t) { return FormatUtc(t).substr(0, 10) + "T09:00"; }

struct Person {
  std::string id;
  json answers;
  bool submits;
};

// Answers of a plausible applicant; about one in eight fails a rule.
json Answers(std::mt19937& rng, int intake_year) {
  auto pick = [&](const auto& list) { return list[std::uniform_int_distribution<std::size_t>(0, std::size(list) - 1)(rng)]; };
  const int age = std::uniform_int_distribution<int>(20, 31)(rng);
  const int month = std::uniform_int_distribution<int>(1, 12)(rng), day = std::uniform_int_distribution<int>(1, 28)(rng);
  char birth[11];
  std::snprintf(birth, sizeof birth, "%04d-%02d-%02d", intake_year - age, month, day);
  const int graduated = std::min(intake_year, intake_year - age + 22 + std::uniform_int_distribution<int>(0, 2)(rng));
  json education = json::array({{{"university", pick(kUniversities)},
                                 {"field_of_study", pick(kFields)},
                                 {"degree", "bachelor"},
                                 {"graduation_year", graduated}}});
  if (std::uniform_int_distribution<int>(0, 3)(rng) == 0) {
    education.push_back({{"university", pick(kUniversities)}, {"field_of_study", "Beynəlxalq münasibətlər"},
                         {"degree", "master"}, {"graduation_year", std::min(intake_year, graduated + 2)}});
  }
  const char* levels[] = {"B1", "B2", "B2", "C1", "C1", "C2"};
  json languages = json::array({{{"language", "İngilis"}, {"level", pick(levels)}}});
  if (std::uniform_int_distribution<int>(0, 1)(rng)) languages.push_back({{"language", "Rus"}, {"level", pick(levels)}});
  if (std::uniform_int_distribution<int>(0, 4)(rng) == 0) languages.push_back({{"language", "Türk"}, {"level", "C1"}});
  const bool abroad = std::uniform_int_distribution<int>(0, 4)(rng) == 0;
  json answers = {{"birth_date", birth},
                  {"phone", "+994 " + std::to_string(std::uniform_int_distribution<int>(50, 77)(rng)) + " " +
                                std::to_string(std::uniform_int_distribution<int>(2000000, 9999999)(rng))},
                  {"region", pick(kRegions)},
                  {"education", education},
                  {"languages", languages},
                  {"lived_abroad", abroad ? "yes" : "no"},
                  {"motivation", pick(kMotivations)},
                  {"consent", true}};
  if (abroad) answers["abroad_where"] = "Türkiyə, Ankara — 1 il mübadilə proqramı";
  return answers;
}

// Applies for each person through the real use cases, on `threads`
// threads so the SQLite writer commits them in groups.
Result<void> Apply(applications::Service& service, const Clock& clock, const std::string& call_id,
                   std::vector<Person>& people) {
  constexpr int kThreads = 8;
  std::vector<std::thread> threads;
  std::vector<std::optional<Error>> failures(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (std::size_t i = static_cast<std::size_t>(t); i < people.size(); i += kThreads) {
        const RequestContext ctx{Actor{people[i].id, false, ""}, "az", "demo", clock};
        auto draft = service.Start(ctx, call_id);
        if (!draft) { failures[static_cast<std::size_t>(t)] = draft.error(); return; }
        auto saved = service.Autosave(ctx, draft->application.id, people[i].answers, draft->application.version);
        if (!saved) { failures[static_cast<std::size_t>(t)] = saved.error(); return; }
        if (!people[i].submits) continue;
        auto submitted = service.Submit(ctx, draft->application.id);
        if (!submitted) { failures[static_cast<std::size_t>(t)] = submitted.error(); return; }
      }
    });
  }
  for (auto& t : threads) t.join();
  for (auto& f : failures) {
    if (f) return *f;
  }
  return Ok();
}

}  // namespace

Result<DemoCallFigures> LoadDemoCalls(db::Database& db, const audit::Trail& trail, const Clock& clock,
                                      const std::string& mfa_admin_id, const std::string& dmx_admin_id,
                                      const std::string& mfa_id, const std::string& dmx_id) {
  using std::chrono::hours;
  const auto now = clock.Now();
  const auto day = hours(24);
  const int this_year = std::stoi(FormatUtc(now).substr(0, 4));
  const RequestContext as_mfa{Actor{mfa_admin_id, false, ""}, "az", "demo", clock};
  const RequestContext as_dmx{Actor{dmx_admin_id, false, ""}, "az", "demo", clock};
  programmes::Service programmes(db, trail);
  applications::Service applications(db, trail);
  DemoCallFigures figures;

  auto dv = programmes.CreateProgramme(as_mfa, mfa_id,
                                       {"Diplomatiya Könüllüləri", "DV",
                                        "Gənc məzunlar üçün altı aylıq könüllü təcrübə proqramı (2019-cu ildən)."});
  if (!dv) return dv.error();
  const std::string last_name = std::to_string(this_year - 1) + "–" + std::to_string(this_year);
  const std::string this_name = std::to_string(this_year) + "–" + std::to_string(this_year + 1);
  auto last = programmes.CreateIntake(as_mfa, dv->id, {last_name, FormatUtc(now - 300 * day).substr(0, 10),
                                                        FormatUtc(now - 120 * day).substr(0, 10), 80, "Asia/Baku", ""});
  if (!last) return last.error();
  auto last_settings = programmes::ParseCallSettings(
      DiplomacySettings(LocalAt(now - 400 * day), LocalAt(now - 360 * day), FormatUtc(now - 300 * day).substr(0, 10)));
  if (!last_settings) return last_settings.error();
  auto last_call = programmes.PutCall(as_mfa, last->id, *last_settings);
  if (!last_call) return last_call.error();

  auto current = programmes.CreateIntake(as_mfa, dv->id, {this_name, FormatUtc(now + 60 * day).substr(0, 10),
                                                           FormatUtc(now + 240 * day).substr(0, 10), 95, "Asia/Baku",
                                                           last->id});
  if (!current) return current.error();
  auto current_settings = programmes::ParseCallSettings(
      DiplomacySettings(LocalAt(now - 20 * day), LocalAt(now + 25 * day), FormatUtc(now + 60 * day).substr(0, 10)));
  if (!current_settings) return current_settings.error();
  auto current_call = programmes.PutCall(as_mfa, current->id, *current_settings);
  if (!current_call) return current_call.error();

  auto ms = programmes.CreateProgramme(as_dmx, dmx_id,
                                       {"Miqrasiya Məktəbi", "MS", "Altı aylıq təlim və təcrübə proqramı."});
  if (!ms) return ms.error();
  auto school = programmes.CreateIntake(as_dmx, ms->id, {std::to_string(this_year + 1), FormatUtc(now + 45 * day).substr(0, 10),
                                                          FormatUtc(now + 225 * day).substr(0, 10), 30, "Asia/Baku", ""});
  if (!school) return school.error();
  auto school_settings = programmes::ParseCallSettings(MigrationSchoolSettings(LocalAt(now - 10 * day), LocalAt(now + 30 * day)));
  if (!school_settings) return school_settings.error();
  auto school_call = programmes.PutCall(as_dmx, school->id, *school_settings);
  if (!school_call) return school_call.error();

  // The applicants: 420 last year, 1,080 this year (of them 930 submitted),
  // 40 to the Migration School. Demo applicants sign in with one password.
  std::mt19937 rng(2026);
  auto pick = [&](const auto& list) { return list[std::uniform_int_distribution<std::size_t>(0, std::size(list) - 1)(rng)]; };
  constexpr int kLast = 420, kThis = 1080, kThisDrafts = 150, kSchool = 40;
  std::vector<accounts::NewApplicant> people;
  for (int i = 0; i < kLast + kThis + kSchool; ++i) {
    const bool woman = std::uniform_int_distribution<int>(0, 1)(rng);
    const std::string first = woman ? pick(kWomen) : pick(kMen);
    const std::string surname = std::string(pick(kSurnames)) + (woman ? "a" : "");
    people.push_back({Ascii(first) + "." + Ascii(surname) + "." + std::to_string(i + 1) + "@example.az",
                      first + " " + surname, i % 10 == 0 ? "en" : "az"});
  }
  const RequestContext system{Actor{}, "az", "demo", clock};
  auto accounts = accounts::CreateApplicants(db, trail, system, people, std::string(kDemoApplicantPassword));
  if (!accounts) return accounts.error();

  auto group = [&](int from, int count, int year, int drafts) {
    std::vector<Person> out;
    for (int i = from; i < from + count; ++i) {
      out.push_back({(*accounts)[static_cast<std::size_t>(i)].id, Answers(rng, year), i - from >= drafts});
    }
    return out;
  };
  // Last year's applications were made while last year's call was open.
  FakeClock last_year(now - 380 * day);
  auto last_people = group(0, kLast, this_year - 1, 0);
  if (auto r = Apply(applications, last_year, last_call->id, last_people); !r) return r.error();
  auto this_people = group(kLast, kThis, this_year, kThisDrafts);
  if (auto r = Apply(applications, clock, current_call->id, this_people); !r) return r.error();
  auto school_people = group(kLast + kThis, kSchool, this_year, 0);
  for (auto& p : school_people) {
    p.answers = {{"education", p.answers["education"]},
                 {"languages", p.answers["languages"]},
                 {"essay", "Miqrasiya siyasəti həm iqtisadi inkişafa, həm də insan hüquqlarına xidmət etməlidir."},
                 {"consent", true}};
  }
  if (auto r = Apply(applications, clock, school_call->id, school_people); !r) return r.error();
  figures.applications = kLast + kThis + kSchool;
  figures.applicant_example = people[kLast].email;
  figures.last_intake_id = last->id;
  figures.current_intake_id = current->id;
  return figures;
}

}  // namespace cohort::app
