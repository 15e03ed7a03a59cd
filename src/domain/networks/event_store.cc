#include "domain/networks/event_store.h"

#include "core/id.h"
#include "core/time_format.h"

namespace cohort::networks::store {
namespace {

using db::Done;
using db::P;

constexpr const char* kEventSelect =
    "SELECT e.id, e.network_id, e.host_organisation_id, o.name, e.kind, e.title, e.description, e.place, e.starts_on, "
    "e.ends_on, e.time_zone, e.registration_closes_at, e.delegation_limit, e.created_at "
    "FROM events e JOIN organisations o ON o.id = e.host_organisation_id ";

Event EventFromRow(const db::Row& r) {
  Event e;
  e.id = r.Text(0);
  e.network_id = r.Text(1);
  e.host_organisation_id = r.Text(2);
  e.host_name = r.Text(3);
  e.kind = r.Text(4);
  e.title = r.Text(5);
  e.description = r.Text(6);
  e.place = r.Text(7);
  e.starts_on = r.Text(8);
  e.ends_on = r.Text(9);
  e.time_zone = r.Text(10);
  e.registration_closes_at = r.Text(11);
  e.delegation_limit = static_cast<int>(r.Int(12));
  e.created_at = r.Text(13);
  return e;
}

}  // namespace

Result<void> InsertEvent(db::Tx& tx, const Event& e) {
  return Done(tx.Exec(
      "INSERT INTO events (id, network_id, host_organisation_id, kind, title, description, place, starts_on, ends_on, "
      "time_zone, registration_closes_at, delegation_limit, created_at, updated_at) VALUES (:id, :network, :host, :kind, "
      ":title, :description, :place, :starts, :ends, :zone, :closes, :limit, :now, :now)",
      {P("id", e.id), P("network", e.network_id), P("host", e.host_organisation_id), P("kind", e.kind), P("title", e.title),
       P("description", e.description), P("place", e.place), P("starts", e.starts_on), P("ends", e.ends_on),
       P("zone", e.time_zone), P("closes", e.registration_closes_at), P("limit", e.delegation_limit),
       P("now", e.created_at)}));
}

Result<std::optional<Event>> GetEvent(db::Tx& tx, const std::string& id) {
  auto row = tx.QueryOne(std::string(kEventSelect) + "WHERE e.id = :id", {P("id", id)});
  if (!row) return row.error();
  if (!*row) return std::optional<Event>();
  Event e = EventFromRow(**row);
  auto sessions = tx.Query(
      "SELECT id, event_id, title, place, starts_at, ends_at FROM event_sessions WHERE event_id = :id "
      "ORDER BY starts_at, id",
      {P("id", id)});
  if (!sessions) return sessions.error();
  for (const auto& r : *sessions) e.sessions.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5)});
  return std::optional<Event>(std::move(e));
}

Result<std::vector<Event>> EventsOf(db::Tx& tx, const std::string& network_id) {
  auto rows = tx.Query(std::string(kEventSelect) + "WHERE e.network_id = :n ORDER BY e.starts_on, e.id", {P("n", network_id)});
  if (!rows) return rows.error();
  std::vector<Event> out;
  for (const auto& r : *rows) out.push_back(EventFromRow(r));
  return out;
}

Result<void> InsertSession(db::Tx& tx, const Session& s, const std::string& now) {
  return Done(tx.Exec(
      "INSERT INTO event_sessions (id, event_id, title, place, starts_at, ends_at, created_at) "
      "VALUES (:id, :event, :title, :place, :starts, :ends, :now)",
      {P("id", s.id), P("event", s.event_id), P("title", s.title), P("place", s.place), P("starts", s.starts_at),
       P("ends", s.ends_at), P("now", now)}));
}

Result<std::vector<Delegation>> DelegationsOf(db::Tx& tx, const std::string& event_id) {
  auto rows = tx.Query(
      "SELECT d.id, d.event_id, d.organisation_id, o.name, d.registered_at, d.updated_at FROM delegations d "
      "JOIN organisations o ON o.id = d.organisation_id WHERE d.event_id = :e ORDER BY o.name, d.id",
      {P("e", event_id)});
  if (!rows) return rows.error();
  std::vector<Delegation> out;
  for (const auto& r : *rows) out.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5), {}});
  auto people = tx.Query(
      "SELECT p.delegation_id, p.id, p.role, p.name, p.email, p.arrival, p.departure, p.accommodation FROM delegates p "
      "JOIN delegations d ON d.id = p.delegation_id WHERE d.event_id = :e ORDER BY p.delegation_id, p.position",
      {P("e", event_id)});
  if (!people) return people.error();
  for (const auto& r : *people) {
    for (auto& d : out) {
      if (d.id == r.Text(0)) d.delegates.push_back({r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5), r.Text(6), r.Text(7)});
    }
  }
  return out;
}

Result<Delegation> SaveDelegation(db::Tx& tx, const std::string& event_id, const std::string& organisation_id,
                                  const std::vector<Delegate>& delegates, const std::string& by, const std::string& now) {
  auto existing = tx.QueryOne("SELECT id, registered_at FROM delegations WHERE event_id = :e AND organisation_id = :o",
                              {P("e", event_id), P("o", organisation_id)});
  if (!existing) return existing.error();
  Delegation d{"", event_id, organisation_id, "", now, now, {}};
  if (*existing) {
    d.id = (*existing)->Text(0);
    d.registered_at = (*existing)->Text(1);
    if (auto u = tx.Exec("UPDATE delegations SET updated_at = :now WHERE id = :id", {P("now", now), P("id", d.id)}); !u) {
      return u.error();
    }
    if (auto x = tx.Exec("DELETE FROM delegates WHERE delegation_id = :id", {P("id", d.id)}); !x) return x.error();
  } else {
    d.id = NewId(*ParseRfc3339(now));
    if (auto i = tx.Exec(
            "INSERT INTO delegations (id, event_id, organisation_id, registered_by, registered_at, updated_at) "
            "VALUES (:id, :e, :o, :by, :now, :now)",
            {P("id", d.id), P("e", event_id), P("o", organisation_id), P("by", by), P("now", now)});
        !i) {
      return i.error();
    }
  }
  std::int64_t position = 0;
  for (auto p : delegates) {
    p.id = NewId(*ParseRfc3339(now));
    if (auto i = tx.Exec(
            "INSERT INTO delegates (id, delegation_id, position, role, name, email, arrival, departure, accommodation) "
            "VALUES (:id, :d, :pos, :role, :name, :email, :arrival, :departure, :accommodation)",
            {P("id", p.id), P("d", d.id), P("pos", position++), P("role", p.role), P("name", p.name), P("email", p.email),
             P("arrival", p.arrival), P("departure", p.departure), P("accommodation", p.accommodation)});
        !i) {
      return i.error();
    }
    d.delegates.push_back(std::move(p));
  }
  return d;
}

}  // namespace cohort::networks::store
