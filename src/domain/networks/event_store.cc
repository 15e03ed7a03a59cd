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

constexpr const char* kSessionSelect =
    "SELECT id, event_id, title, place, starts_at, ends_at, check_in_secret FROM event_sessions ";

Session SessionFromRow(const db::Row& r) {
  return {r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5), r.Text(6)};
}

Result<void> ReplacePartners(db::Tx& tx, const Event& e) {
  if (auto x = tx.Exec("DELETE FROM event_partners WHERE event_id = :id", {P("id", e.id)}); !x) return x.error();
  for (const auto& p : e.partners) {
    if (auto i = tx.Exec("INSERT INTO event_partners (event_id, organisation_id) VALUES (:e, :o)",
                         {P("e", e.id), P("o", p.organisation_id)});
        !i) {
      return i.error();
    }
  }
  return Ok();
}

}  // namespace

Result<void> InsertEvent(db::Tx& tx, const Event& e) {
  auto w = Done(tx.Exec(
      "INSERT INTO events (id, network_id, host_organisation_id, kind, title, description, place, starts_on, ends_on, "
      "time_zone, registration_closes_at, delegation_limit, created_at, updated_at) VALUES (:id, :network, :host, :kind, "
      ":title, :description, :place, :starts, :ends, :zone, :closes, :limit, :now, :now)",
      {P("id", e.id), P("network", e.network_id), P("host", e.host_organisation_id), P("kind", e.kind), P("title", e.title),
       P("description", e.description), P("place", e.place), P("starts", e.starts_on), P("ends", e.ends_on),
       P("zone", e.time_zone), P("closes", e.registration_closes_at), P("limit", e.delegation_limit),
       P("now", e.created_at)}));
  if (!w) return w.error();
  return ReplacePartners(tx, e);
}

Result<void> UpdateEvent(db::Tx& tx, const Event& e, const std::string& now) {
  if (auto u = tx.Exec(
          "UPDATE events SET kind = :kind, title = :title, description = :description, place = :place, starts_on = :starts, "
          "ends_on = :ends, time_zone = :zone, registration_closes_at = :closes, delegation_limit = :limit, updated_at = :now "
          "WHERE id = :id",
          {P("id", e.id), P("kind", e.kind), P("title", e.title), P("description", e.description), P("place", e.place),
           P("starts", e.starts_on), P("ends", e.ends_on), P("zone", e.time_zone), P("closes", e.registration_closes_at),
           P("limit", e.delegation_limit), P("now", now)});
      !u) {
    return u.error();
  }
  return ReplacePartners(tx, e);
}

Result<void> DeleteSession(db::Tx& tx, const std::string& session_id) {
  if (auto x = tx.Exec("DELETE FROM event_check_ins WHERE session_id = :s", {P("s", session_id)}); !x) return x.error();
  return Done(tx.Exec("DELETE FROM event_sessions WHERE id = :s", {P("s", session_id)}));
}

Result<std::optional<Event>> GetEvent(db::Tx& tx, const std::string& id) {
  auto row = tx.QueryOne(std::string(kEventSelect) + "WHERE e.id = :id", {P("id", id)});
  if (!row) return row.error();
  if (!*row) return std::optional<Event>();
  Event e = EventFromRow(**row);
  auto sessions = tx.Query(std::string(kSessionSelect) + "WHERE event_id = :id ORDER BY starts_at, id", {P("id", id)});
  if (!sessions) return sessions.error();
  for (const auto& r : *sessions) e.sessions.push_back(SessionFromRow(r));
  auto partners = tx.Query(
      "SELECT p.organisation_id, o.name FROM event_partners p JOIN organisations o ON o.id = p.organisation_id "
      "WHERE p.event_id = :id ORDER BY o.name, o.id",
      {P("id", id)});
  if (!partners) return partners.error();
  for (const auto& r : *partners) e.partners.push_back({r.Text(0), r.Text(1)});
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
      "INSERT INTO event_sessions (id, event_id, title, place, starts_at, ends_at, check_in_secret, created_at) "
      "VALUES (:id, :event, :title, :place, :starts, :ends, :secret, :now)",
      {P("id", s.id), P("event", s.event_id), P("title", s.title), P("place", s.place), P("starts", s.starts_at),
       P("ends", s.ends_at), P("secret", s.check_in_secret), P("now", now)}));
}

Result<std::optional<Session>> GetSession(db::Tx& tx, const std::string& id) {
  auto row = tx.QueryOne(std::string(kSessionSelect) + "WHERE id = :id", {P("id", id)});
  if (!row) return row.error();
  if (!*row) return std::optional<Session>();
  return std::optional<Session>(SessionFromRow(**row));
}

Result<void> SetSessionSecret(db::Tx& tx, const std::string& session_id, const std::string& secret) {
  return Done(tx.Exec("UPDATE event_sessions SET check_in_secret = :s WHERE id = :id AND check_in_secret = ''",
                      {P("s", secret), P("id", session_id)}));
}

Result<std::optional<PassHolder>> DelegateByPass(db::Tx& tx, const std::string& pass_key) {
  if (pass_key.empty()) return std::optional<PassHolder>();
  auto row = tx.QueryOne(
      "SELECT p.id, p.role, p.name, p.email, p.arrival, p.departure, p.accommodation, p.pass_key, d.event_id, "
      "d.organisation_id, o.name FROM delegates p JOIN delegations d ON d.id = p.delegation_id "
      "JOIN organisations o ON o.id = d.organisation_id WHERE p.pass_key = :k",
      {P("k", pass_key)});
  if (!row) return row.error();
  if (!*row) return std::optional<PassHolder>();
  const db::Row& r = **row;
  return std::optional<PassHolder>(PassHolder{
      {r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5), r.Text(6), r.Text(7)}, r.Text(8), r.Text(9), r.Text(10)});
}

Result<std::string> RecordCheckIn(db::Tx& tx, const std::string& session_id, const std::string& delegate_id,
                                  const std::string& now) {
  if (auto i = tx.Exec(
          "INSERT INTO event_check_ins (session_id, delegate_id, checked_in_at) VALUES (:s, :d, :now) "
          "ON CONFLICT (session_id, delegate_id) DO NOTHING",
          {P("s", session_id), P("d", delegate_id), P("now", now)});
      !i) {
    return i.error();
  }
  auto row = tx.QueryOne("SELECT checked_in_at FROM event_check_ins WHERE session_id = :s AND delegate_id = :d",
                         {P("s", session_id), P("d", delegate_id)});
  if (!row) return row.error();
  return (*row)->Text(0);
}

Result<std::vector<std::string>> SessionsCheckedInto(db::Tx& tx, const std::string& delegate_id) {
  auto rows = tx.Query("SELECT session_id FROM event_check_ins WHERE delegate_id = :d ORDER BY session_id",
                       {P("d", delegate_id)});
  if (!rows) return rows.error();
  std::vector<std::string> out;
  for (const auto& r : *rows) out.push_back(r.Text(0));
  return out;
}

Result<std::vector<SessionCheckIn>> CheckInsOf(db::Tx& tx, const Session& s) {
  auto rows = tx.Query(
      "SELECT p.id, p.name, p.role, d.organisation_id, o.name, c.checked_in_at FROM delegates p "
      "JOIN delegations d ON d.id = p.delegation_id JOIN organisations o ON o.id = d.organisation_id "
      "LEFT JOIN event_check_ins c ON c.delegate_id = p.id AND c.session_id = :s "
      "WHERE d.event_id = :e ORDER BY o.name, d.organisation_id, p.position",
      {P("s", s.id), P("e", s.event_id)});
  if (!rows) return rows.error();
  std::vector<SessionCheckIn> out;
  for (const auto& r : *rows) {
    out.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.IsNull(5) ? "" : r.Text(5)});
  }
  return out;
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
      "SELECT p.delegation_id, p.id, p.role, p.name, p.email, p.arrival, p.departure, p.accommodation, p.pass_key "
      "FROM delegates p "
      "JOIN delegations d ON d.id = p.delegation_id WHERE d.event_id = :e ORDER BY p.delegation_id, p.position",
      {P("e", event_id)});
  if (!people) return people.error();
  for (const auto& r : *people) {
    for (auto& d : out) {
      if (d.id == r.Text(0)) {
        d.delegates.push_back({r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5), r.Text(6), r.Text(7), r.Text(8)});
      }
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
  struct Kept {
    std::string id, email, pass_key;
    bool matched = false;
  };
  std::vector<Kept> kept;
  if (*existing) {
    d.id = (*existing)->Text(0);
    d.registered_at = (*existing)->Text(1);
    if (auto u = tx.Exec("UPDATE delegations SET updated_at = :now WHERE id = :id", {P("now", now), P("id", d.id)}); !u) {
      return u.error();
    }
    auto people = tx.Query("SELECT id, email, pass_key FROM delegates WHERE delegation_id = :id ORDER BY position",
                           {P("id", d.id)});
    if (!people) return people.error();
    for (const auto& r : *people) kept.push_back({r.Text(0), r.Text(1), r.Text(2)});
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
  // A person already in the delegation (by id, else by e-mail) keeps their
  // id, pass and check-ins; the others are new; those left out are removed.
  auto match = [&](const Delegate& p) -> Kept* {
    for (auto& k : kept) {
      if (!k.matched && !p.id.empty() && k.id == p.id) return &k;
    }
    for (auto& k : kept) {
      if (!k.matched && !p.email.empty() && k.email == p.email) return &k;
    }
    return nullptr;
  };
  std::int64_t position = 0;
  std::vector<Delegate> saved;
  for (auto p : delegates) {
    Kept* k = match(p);
    if (k) {
      k->matched = true;
      p.id = k->id;
      if (!k->pass_key.empty()) p.pass_key = k->pass_key;
    } else {
      p.id = NewId(*ParseRfc3339(now));
    }
    const char* sql =
        k ? "UPDATE delegates SET delegation_id = :d, position = :pos, role = :role, name = :name, email = :email, arrival = :arrival, "
            "departure = :departure, accommodation = :accommodation, pass_key = :pass WHERE id = :id"
          : "INSERT INTO delegates (id, delegation_id, position, role, name, email, arrival, departure, accommodation, "
            "pass_key) VALUES (:id, :d, :pos, :role, :name, :email, :arrival, :departure, :accommodation, :pass)";
    if (auto w = tx.Exec(sql, {P("id", p.id), P("d", d.id), P("pos", position++), P("role", p.role), P("name", p.name),
                               P("email", p.email), P("arrival", p.arrival), P("departure", p.departure),
                               P("accommodation", p.accommodation), P("pass", p.pass_key)});
        !w) {
      return w.error();
    }
    saved.push_back(std::move(p));
  }
  for (const auto& k : kept) {
    if (k.matched) continue;
    if (auto x = tx.Exec("DELETE FROM event_check_ins WHERE delegate_id = :id", {P("id", k.id)}); !x) return x.error();
    if (auto x = tx.Exec("DELETE FROM delegates WHERE id = :id", {P("id", k.id)}); !x) return x.error();
  }
  d.delegates = std::move(saved);
  return d;
}

}  // namespace cohort::networks::store
