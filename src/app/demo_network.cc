#include "app/demo_network.h"

#include <chrono>

#include <date/date.h>
#include <nlohmann/json.hpp>

#include "core/time_format.h"
#include "domain/accounts/service.h"
#include "domain/networks/events.h"
#include "domain/networks/service.h"
#include "domain/networks/yearly_reports.h"
#include "domain/organisations/service.h"

namespace cohort::app {
namespace {

using nlohmann::json;

std::string Day(date::sys_days d) { return date::format("%F", d); }

constexpr const char* kReportForm = R"({
  "title": {"az": "2026-cı il üzrə illik hesabat", "en": "Yearly report 2026", "ru": "Годовой отчёт за 2026 год"},
  "description": {"az": "Üzv təşkilatın il ərzində gördüyü işlər.", "en": "What the member organisation did this year.",
                  "ru": "Что организация-член сделала за год."},
  "form": {"fields": [
    {"key": "volunteers", "type": "number", "required": true, "min": 0, "integer": true,
     "label": {"az": "İl ərzində fəal könüllülər", "en": "Active volunteers this year", "ru": "Активных волонтёров за год"}},
    {"key": "events", "type": "number", "required": true, "min": 0, "integer": true,
     "label": {"az": "Keçirilən tədbirlər", "en": "Events held", "ru": "Проведено мероприятий"}},
    {"key": "highlights", "type": "long_text", "max_chars": 3000,
     "label": {"az": "Əsas nailiyyətlər", "en": "Highlights", "ru": "Главные достижения"}}]},
  "due_on": "2027-01-31"})";

}  // namespace

Result<std::vector<DemoLogin>> LoadDemoNetwork(db::Database& db, const audit::Trail& trail, const Clock& clock,
                                               const std::string& platform_admin_id, const std::string& ivc_id,
                                               const std::string& youth_foundation_id) {
  const RequestContext system{Actor{}, "az", "demo", clock};
  const RequestContext as_platform{Actor{platform_admin_id, true, ""}, "az", "demo", clock};
  organisations::Service orgs(db, trail);
  auto kz = orgs.Create(as_platform, {"KZV", "Qazaxıstan Milli Könüllülər Şəbəkəsi", "KZ"});
  if (!kz) return kz.error();
  auto uz = orgs.Create(as_platform, {"UZV", "Özbəkistan Könüllülər Assosiasiyası", "UZ"});
  if (!uz) return uz.error();
  const std::vector<DemoLogin> logins = {
      {"network administrator (IVC)", "network@ivc.cohort.test", "demo-ivc-2026"},
      {"organisation administrator (Kazakhstan, IVC member)", "volunteers@kzv.cohort.test", "demo-kzv-2026"},
  };
  auto ivc_admin = accounts::CreateAdmin(db, trail, system, {logins[0].email, "Vüqar Əliyev", logins[0].password, ivc_id});
  if (!ivc_admin) return ivc_admin.error();
  auto kz_admin = accounts::CreateAdmin(db, trail, system, {logins[1].email, "Aiman Nakispekova", logins[1].password, kz->id});
  if (!kz_admin) return kz_admin.error();
  const RequestContext as_ivc{Actor{ivc_admin->id, false, ""}, "az", "demo", clock};
  const RequestContext as_kz{Actor{kz_admin->id, false, ""}, "az", "demo", clock};

  networks::Service networks(db, trail);
  auto network = networks.Create(as_platform, {"IVC", "Beynəlxalq Könüllülər Mərkəzi",
                                               "Üzv ölkələrin könüllü təşkilatlarının şəbəkəsi: hər il bir ölkə sədrlik edir."});
  if (!network) return network.error();
  if (auto a = networks.AddAdmin(as_platform, network->id, logins[0].email); !a) return a.error();
  for (const std::string& member : {ivc_id, youth_foundation_id, kz->id, uz->id}) {
    if (auto m = networks.AddMember(as_ivc, network->id, member); !m) return m.error();
  }
  if (auto c = networks.SetChair(as_ivc, network->id, 2025, kz->id); !c) return c.error();
  if (auto h = networks.HandOver(as_kz, network->id, 2025, ivc_id,
                                 "Sədrlik Şəki konfransında Azərbaycana təhvil verildi.");
      !h) {
    return h.error();
  }

  // The chair's form for 2026, and Kazakhstan's report on it.
  networks::YearlyReports reports(db, trail);
  if (auto f = reports.SetForm(as_ivc, network->id, 2026, json::parse(kReportForm)); !f) return f.error();
  if (auto d = reports.SaveDraft(as_kz, network->id, 2026, kz->id,
                                 {{"volunteers", 1240},
                                  {"events", 38},
                                  {"highlights", "Könüllülük Həftəsi Almatıda, 12 regionda gənclər forumları."}});
      !d) {
    return d.error();
  }
  if (auto s = reports.Submit(as_kz, network->id, 2026, kz->id); !s) return s.error();

  // Volunteer Week in two months, registration open for a month.
  const auto today = date::floor<date::days>(clock.Now());
  networks::Event week;
  week.kind = "week";
  week.title = "Azərbaycan Könüllülük Həftəsi";
  week.description = "Üzv ölkələrin III konfransı, seminarlar və könüllü aksiyaları.";
  week.place = "Şəki";
  week.host_organisation_id = ivc_id;
  week.partners = {{youth_foundation_id, ""}};
  week.starts_on = Day(today + date::days(60));
  week.ends_on = Day(today + date::days(64));
  week.time_zone = "Asia/Baku";
  week.registration_closes_at = FormatUtc(clock.Now() + std::chrono::days(30));
  week.delegation_limit = 5;
  networks::Events events(db, trail);
  auto made = events.Create(as_ivc, network->id, week);
  if (!made) return made.error();
  struct DemoSession {
    int day;
    const char* title;
    const char* place;
    int from, to;  // hours, UTC
  };
  constexpr DemoSession kSessions[] = {
      {60, "Açılış və üzv ölkələrin III konfransı", "Şəki Dram Teatrı", 6, 9},
      {61, "Seminar: regionlarda könüllü şəbəkələri", "Şəki Gənclər Evi", 6, 8},
      {62, "Yaşıl dünya naminə könüllü aksiyası", "Marxal", 5, 10},
  };
  for (const auto& s : kSessions) {
    const TimePoint day = today + date::days(s.day);
    networks::Session session;
    session.title = s.title;
    session.place = s.place;
    session.starts_at = FormatUtc(day + std::chrono::hours(s.from));
    session.ends_at = FormatUtc(day + std::chrono::hours(s.to));
    if (auto a = events.AddSession(as_ivc, made->id, session); !a) return a.error();
  }
  std::vector<networks::Delegate> delegation = {
      {"", "head", "Aiman Nakispekova", "volunteers@kzv.cohort.test", "Bakı, GYD, reys KC 063", "", "Şəki, Marxal otel", ""},
      {"", "member", "Dauren Sadıqov", "dauren@kzv.cohort.test", "Bakı, GYD, reys KC 063", "", "Şəki, Marxal otel", ""},
      {"", "member", "Aruzhan Tokayeva", "", "Bakı, GYD, reys KC 063", "", "Şəki, Marxal otel", ""},
  };
  if (auto r = events.Register(as_kz, made->id, kz->id, delegation); !r) return r.error();
  return logins;
}

}  // namespace cohort::app
