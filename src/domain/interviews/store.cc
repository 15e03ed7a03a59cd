#include "domain/interviews/store.h"

#include <nlohmann/json.hpp>

namespace cohort::interviews::store {
namespace {

using db::P;
using nlohmann::json;

using db::Done;

constexpr const char* kPanelSelect =
    "SELECT id, stage_id, organisation_id, name, location, members, created_at, updated_at FROM panels ";

Panel PanelFromRow(db::Tx& tx, const db::Row& r) {
  Panel p{r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), {}, {}, r.Text(6), r.Text(7)};
  const json members = json::parse(r.Text(5), nullptr, false);
  if (members.is_array()) {
    for (const auto& m : members) {
      if (!m.is_string()) continue;
      p.members.push_back(m.get<std::string>());
      auto name = tx.QueryOne("SELECT name FROM accounts WHERE id = :id", {P("id", m.get<std::string>())});
      p.member_names.push_back(name && *name ? (**name).Text(0) : std::string());
    }
  }
  return p;
}

constexpr const char* kSlotSelect =
    "SELECT s.id, s.stage_id, s.panel_id, s.organisation_id, s.starts_at, s.ends_at, s.places, s.booked, s.created_at, "
    "p.name, p.location FROM interview_slots s JOIN panels p ON p.id = s.panel_id ";

Slot SlotFromRow(const db::Row& r) {
  return {r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5), static_cast<int>(r.Int(6)),
          static_cast<int>(r.Int(7)), r.Text(8), r.Text(9), r.Text(10)};
}

constexpr const char* kBookingSelect =
    "SELECT b.id, b.stage_id, b.slot_id, b.application_id, b.applicant_id, b.organisation_id, b.state, b.origin, "
    "b.created_at, b.updated_at, a.reference, p.name, s.starts_at, s.ends_at, n.name, n.location "
    "FROM interview_bookings b JOIN applications a ON a.id = b.application_id JOIN accounts p ON p.id = b.applicant_id "
    "JOIN interview_slots s ON s.id = b.slot_id JOIN panels n ON n.id = s.panel_id ";

Booking BookingFromRow(const db::Row& r) {
  Booking b;
  b.id = r.Text(0);
  b.stage_id = r.Text(1);
  b.slot_id = r.Text(2);
  b.application_id = r.Text(3);
  b.applicant_id = r.Text(4);
  b.organisation_id = r.Text(5);
  b.state = r.Text(6);
  b.origin = r.Text(7);
  b.created_at = r.Text(8);
  b.updated_at = r.Text(9);
  b.reference = r.Text(10);
  b.applicant_name = r.Text(11);
  b.starts_at = r.Text(12);
  b.ends_at = r.Text(13);
  b.panel_name = r.Text(14);
  b.location = r.Text(15);
  return b;
}

Result<std::optional<Booking>> OneBooking(db::Tx& tx, const std::string& where, const db::Params& params) {
  auto row = tx.QueryOne(std::string(kBookingSelect) + where, params);
  if (!row) return row.error();
  if (!*row) return std::optional<Booking>{};
  return std::optional<Booking>{BookingFromRow(**row)};
}

}  // namespace

Result<std::vector<Panel>> Panels(db::Tx& tx, const std::string& stage_id) {
  auto rows = tx.Query(std::string(kPanelSelect) + "WHERE stage_id = :stage ORDER BY name, id", {P("stage", stage_id)});
  if (!rows) return rows.error();
  std::vector<Panel> out;
  for (const auto& r : *rows) out.push_back(PanelFromRow(tx, r));
  return out;
}

Result<std::optional<Panel>> GetPanel(db::Tx& tx, const std::string& id) {
  auto row = tx.QueryOne(std::string(kPanelSelect) + "WHERE id = :id", {P("id", id)});
  if (!row) return row.error();
  if (!*row) return std::optional<Panel>{};
  return std::optional<Panel>{PanelFromRow(tx, **row)};
}

Result<void> InsertPanel(db::Tx& tx, const Panel& p) {
  return Done(tx.Exec(
      "INSERT INTO panels (id, stage_id, organisation_id, name, location, members, created_at, updated_at) "
      "VALUES (:id, :stage, :org, :name, :location, :members, :now, :now)",
      {P("id", p.id), P("stage", p.stage_id), P("org", p.organisation_id), P("name", p.name), P("location", p.location),
       P("members", json(p.members).dump()), P("now", p.created_at)}));
}

Result<bool> DeletePanel(db::Tx& tx, const std::string& id) {
  auto used = tx.QueryOne(
      "SELECT count(*) FROM interview_bookings b JOIN interview_slots s ON s.id = b.slot_id WHERE s.panel_id = :id",
      {P("id", id)});
  if (!used) return used.error();
  if (*used && (**used).Int(0) > 0) return false;
  if (auto r = tx.Exec("DELETE FROM interview_slots WHERE panel_id = :id", {P("id", id)}); !r) return r.error();
  if (auto r = tx.Exec("DELETE FROM panels WHERE id = :id", {P("id", id)}); !r) return r.error();
  return true;
}

Result<void> InsertSlot(db::Tx& tx, const Slot& s) {
  return Done(tx.Exec(
      "INSERT INTO interview_slots (id, stage_id, panel_id, organisation_id, starts_at, ends_at, places, booked, created_at) "
      "VALUES (:id, :stage, :panel, :org, :starts, :ends, :places, 0, :now)",
      {P("id", s.id), P("stage", s.stage_id), P("panel", s.panel_id), P("org", s.organisation_id), P("starts", s.starts_at),
       P("ends", s.ends_at), P("places", s.places), P("now", s.created_at)}));
}

Result<std::optional<Slot>> GetSlot(db::Tx& tx, const std::string& id) {
  auto row = tx.QueryOne(std::string(kSlotSelect) + "WHERE s.id = :id", {P("id", id)});
  if (!row) return row.error();
  if (!*row) return std::optional<Slot>{};
  return std::optional<Slot>{SlotFromRow(**row)};
}

Result<std::vector<Slot>> Slots(db::Tx& tx, const std::string& stage_id) {
  auto rows = tx.Query(std::string(kSlotSelect) + "WHERE s.stage_id = :stage ORDER BY s.starts_at, p.name, s.id",
                       {P("stage", stage_id)});
  if (!rows) return rows.error();
  std::vector<Slot> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) out.push_back(SlotFromRow(r));
  return out;
}

Result<bool> DeleteSlot(db::Tx& tx, const std::string& id) {
  auto used = tx.QueryOne("SELECT count(*) FROM interview_bookings WHERE slot_id = :id", {P("id", id)});
  if (!used) return used.error();
  if (*used && (**used).Int(0) > 0) return false;
  if (auto r = tx.Exec("DELETE FROM interview_slots WHERE id = :id", {P("id", id)}); !r) return r.error();
  return true;
}

Result<bool> TakePlace(db::Tx& tx, const std::string& slot_id) {
  auto n = tx.Exec("UPDATE interview_slots SET booked = booked + 1 WHERE id = :id AND booked < places", {P("id", slot_id)});
  if (!n) return n.error();
  return *n == 1;
}

Result<void> ReleasePlace(db::Tx& tx, const std::string& slot_id) {
  return Done(tx.Exec("UPDATE interview_slots SET booked = booked - 1 WHERE id = :id AND booked > 0", {P("id", slot_id)}));
}

Result<void> InsertBooking(db::Tx& tx, const Booking& b) {
  return Done(tx.Exec(
      "INSERT INTO interview_bookings (id, stage_id, slot_id, application_id, applicant_id, organisation_id, state, "
      "origin, created_at, updated_at) VALUES (:id, :stage, :slot, :app, :applicant, :org, :state, :origin, :now, :now)",
      {P("id", b.id), P("stage", b.stage_id), P("slot", b.slot_id), P("app", b.application_id),
       P("applicant", b.applicant_id), P("org", b.organisation_id), P("state", b.state), P("origin", b.origin),
       P("now", b.created_at)}));
}

Result<std::optional<Booking>> GetBooking(db::Tx& tx, const std::string& id) {
  return OneBooking(tx, "WHERE b.id = :id", {P("id", id)});
}

Result<std::optional<Booking>> LiveBooking(db::Tx& tx, const std::string& stage_id, const std::string& application_id) {
  return OneBooking(tx, "WHERE b.stage_id = :stage AND b.application_id = :app AND b.state <> 'cancelled'",
                    {P("stage", stage_id), P("app", application_id)});
}

Result<std::vector<Booking>> UpcomingOfApplication(db::Tx& tx, const std::string& application_id) {
  auto rows = tx.Query(std::string(kBookingSelect) + "WHERE b.application_id = :app AND b.state = 'booked' ORDER BY b.id",
                       {P("app", application_id)});
  if (!rows) return rows.error();
  std::vector<Booking> out;
  for (const auto& r : *rows) out.push_back(BookingFromRow(r));
  return out;
}

Result<std::vector<Booking>> Bookings(db::Tx& tx, const std::string& stage_id) {
  auto rows = tx.Query(std::string(kBookingSelect) + "WHERE b.stage_id = :stage AND b.state <> 'cancelled' ORDER BY s.starts_at, a.reference",
                       {P("stage", stage_id)});
  if (!rows) return rows.error();
  std::vector<Booking> out;
  for (const auto& r : *rows) out.push_back(BookingFromRow(r));
  return out;
}

Result<bool> SaveBookingState(db::Tx& tx, const std::string& id, const std::string& state, const std::string& expected,
                              const std::string& now) {
  auto n = tx.Exec("UPDATE interview_bookings SET state = :state, updated_at = :now WHERE id = :id AND state = :expected",
                   {P("state", state), P("now", now), P("id", id), P("expected", expected)});
  if (!n) return n.error();
  return *n == 1;
}

Result<std::vector<Window>> Availability(db::Tx& tx, const std::string& stage_id, const std::string& application_id) {
  auto row = tx.QueryOne("SELECT windows FROM interview_availability WHERE stage_id = :stage AND application_id = :app",
                         {P("stage", stage_id), P("app", application_id)});
  if (!row) return row.error();
  std::vector<Window> out;
  if (!*row) return out;
  const json j = json::parse((**row).Text(0), nullptr, false);
  if (j.is_array()) {
    for (const auto& w : j) {
      if (w.is_object()) out.push_back({w.value("start", ""), w.value("end", "")});
    }
  }
  return out;
}

Result<void> PutAvailability(db::Tx& tx, const std::string& stage_id, const std::string& application_id,
                             const std::string& organisation_id, const std::vector<Window>& windows, const std::string& now) {
  json j = json::array();
  for (const auto& w : windows) j.push_back({{"start", w.start}, {"end", w.end}});
  auto n = tx.Exec("UPDATE interview_availability SET windows = :windows, updated_at = :now WHERE stage_id = :stage AND application_id = :app",
                   {P("windows", j.dump()), P("now", now), P("stage", stage_id), P("app", application_id)});
  if (!n) return n.error();
  if (*n == 1) return Ok();
  return Done(tx.Exec(
      "INSERT INTO interview_availability (stage_id, application_id, organisation_id, windows, updated_at) "
      "VALUES (:stage, :app, :org, :windows, :now)",
      {P("stage", stage_id), P("app", application_id), P("org", organisation_id), P("windows", j.dump()), P("now", now)}));
}

Result<std::vector<Entered>> EnteredBy(db::Tx& tx, const std::string& applicant_id) {
  // Reads the stage entries of the review module and the calls of the
  // programmes module in one join (a documented layering shortcut).
  auto rows = tx.Query(
      "SELECT e.stage_id, a.id, a.reference, c.time_zone, c.settings, s.settings, s.organisation_id "
      "FROM stage_entries e JOIN stages s ON s.id = e.stage_id JOIN applications a ON a.id = e.application_id "
      "JOIN calls c ON c.id = s.call_id WHERE a.applicant_id = :me AND s.kind = 'interview' AND a.state = 'submitted' "
      "ORDER BY e.entered_at DESC",
      {P("me", applicant_id)});
  if (!rows) return rows.error();
  std::vector<Entered> out;
  for (const auto& r : *rows) {
    const json call = json::parse(r.Text(4), nullptr, false);
    const json stage = json::parse(r.Text(5), nullptr, false);
    out.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3),
                   call.is_object() && call.contains("title") ? call["title"].dump() : "{}",
                   stage.is_object() ? stage.dump() : "{}", r.Text(6)});
  }
  return out;
}

}  // namespace cohort::interviews::store
