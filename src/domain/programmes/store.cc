#include "domain/programmes/store.h"

#include <memory>
#include <mutex>
#include <unordered_map>

#include "domain/programmes/form.h"

namespace cohort::programmes::store {
namespace {

using db::P;
using nlohmann::json;

using db::Done;

constexpr const char* kProgrammeColumns = "id, organisation_id, name, code, description, created_at";
Programme ProgrammeFromRow(const db::Row& r) { return {r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5)}; }

constexpr const char* kIntakeColumns =
    "i.id, i.programme_id, i.organisation_id, i.name, i.starts_on, i.ends_on, i.capacity, i.time_zone, "
    "(SELECT count(*) FROM calls c WHERE c.intake_id = i.id), i.created_at";
Intake IntakeFromRow(const db::Row& r) {
  return {r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5), static_cast<int>(r.Int(6)), r.Text(7),
          r.Int(8) > 0, r.Text(9)};
}

constexpr const char* kCallColumns =
    "c.id, c.intake_id, c.organisation_id, i.programme_id, c.settings_version, c.opens_at, c.closes_at, "
    "c.reference_prefix, c.updated_at";

// Parsed settings by call id and settings_version: every autosave and
// submission reads its call, and the public list reads every open one;
// parsing a form (and even copying its text out of the database) is most
// of the work of reading a call, so it happens once per change.
struct CachedSettings {
  std::int64_t version = 0;
  std::shared_ptr<const CallSettings> settings;
};
std::mutex cache_mu;
std::unordered_map<std::string, CachedSettings> cache;

Result<std::shared_ptr<const CallSettings>> SettingsOf(db::Tx& tx, const std::string& call_id, std::int64_t version) {
  {
    std::lock_guard lock(cache_mu);
    auto it = cache.find(call_id);
    if (it != cache.end() && it->second.version == version) return it->second.settings;
  }
  auto row = tx.QueryOne("SELECT settings, settings_version FROM calls WHERE id = :id", {P("id", call_id)});
  if (!row) return row.error();
  if (!*row) return Error::Internal("call vanished while read: " + call_id);
  const json settings = json::parse((*row)->Text(0), nullptr, false);
  if (settings.is_discarded()) return Error::Internal("stored call settings are not JSON: " + call_id);
  auto parsed = ParseCallSettings(settings);
  if (!parsed) return Error::Internal("stored call settings no longer parse: " + call_id + ": " + parsed.error().message());
  auto shared = std::make_shared<const CallSettings>(std::move(*parsed));
  // Keep what this read saw under the version it saw with it.
  std::lock_guard lock(cache_mu);
  if (cache.size() > 10000) cache.clear();
  cache[call_id] = {(*row)->Int(1), shared};
  return shared;
}

Result<Call> CallFromRow(db::Tx& tx, const db::Row& r) {
  Call c;
  c.id = r.Text(0);
  c.intake_id = r.Text(1);
  c.organisation_id = r.Text(2);
  c.programme_id = r.Text(3);
  auto settings = SettingsOf(tx, c.id, r.Int(4));
  if (!settings) return settings.error();
  c.settings = *settings;
  c.opens_at = r.OptText(5);
  c.closes_at = r.OptText(6);
  c.reference_prefix = r.Text(7);
  c.updated_at = r.Text(8);
  return c;
}

}  // namespace

Result<void> InsertProgramme(db::Tx& tx, const Programme& p) {
  auto r = tx.Exec(
      "INSERT INTO programmes (id, organisation_id, name, code, description, created_at, updated_at) "
      "VALUES (:id, :org, :name, :code, :description, :now, :now)",
      {P("id", p.id), P("org", p.organisation_id), P("name", p.name), P("code", p.code), P("description", p.description),
       P("now", p.created_at)});
  if (!r && r.error().code() == ErrorCode::kConflict) {
    return Error::InvalidArgument("code taken", {{"code", "taken", "another programme of the organisation uses this code"}});
  }
  return Done(r);
}

Result<std::vector<Programme>> Programmes(db::Tx& tx, const std::string& organisation_id) {
  auto rows = tx.Query(std::string("SELECT ") + kProgrammeColumns +
                           " FROM programmes WHERE organisation_id = :org ORDER BY name, id",
                       {P("org", organisation_id)});
  if (!rows) return rows.error();
  std::vector<Programme> out;
  for (const auto& r : *rows) out.push_back(ProgrammeFromRow(r));
  return out;
}

Result<std::optional<Programme>> GetProgramme(db::Tx& tx, const std::string& id) {
  auto row = tx.QueryOne(std::string("SELECT ") + kProgrammeColumns + " FROM programmes WHERE id = :id", {P("id", id)});
  if (!row) return row.error();
  if (!*row) return std::optional<Programme>{};
  return std::optional<Programme>{ProgrammeFromRow(**row)};
}

Result<void> InsertIntake(db::Tx& tx, const Intake& i) {
  auto r = tx.Exec(
      "INSERT INTO intakes (id, programme_id, organisation_id, name, starts_on, ends_on, capacity, time_zone, "
      "created_at, updated_at) VALUES (:id, :programme, :org, :name, :starts, :ends, :capacity, :tz, :now, :now)",
      {P("id", i.id), P("programme", i.programme_id), P("org", i.organisation_id), P("name", i.name),
       P("starts", i.starts_on), P("ends", i.ends_on), P("capacity", i.capacity), P("tz", i.time_zone),
       P("now", i.created_at)});
  if (!r && r.error().code() == ErrorCode::kConflict) {
    return Error::InvalidArgument("name taken", {{"name", "taken", "the programme has an intake of this name"}});
  }
  return Done(r);
}

Result<void> UpdateIntake(db::Tx& tx, const Intake& i, const std::string& now) {
  auto r = tx.Exec(
      "UPDATE intakes SET name = :name, starts_on = :starts, ends_on = :ends, capacity = :capacity, time_zone = :tz, "
      "updated_at = :now WHERE id = :id AND organisation_id = :org",
      {P("name", i.name), P("starts", i.starts_on), P("ends", i.ends_on), P("capacity", i.capacity),
       P("tz", i.time_zone), P("now", now), P("id", i.id), P("org", i.organisation_id)});
  if (!r && r.error().code() == ErrorCode::kConflict) {
    return Error::InvalidArgument("name taken", {{"name", "taken", "the programme has an intake of this name"}});
  }
  return Done(r);
}

Result<std::vector<Intake>> Intakes(db::Tx& tx, const std::string& programme_id) {
  auto rows = tx.Query(std::string("SELECT ") + kIntakeColumns +
                           " FROM intakes i WHERE i.programme_id = :programme ORDER BY i.starts_on DESC, i.id DESC",
                       {P("programme", programme_id)});
  if (!rows) return rows.error();
  std::vector<Intake> out;
  for (const auto& r : *rows) out.push_back(IntakeFromRow(r));
  return out;
}

Result<std::optional<Intake>> GetIntake(db::Tx& tx, const std::string& id) {
  auto row = tx.QueryOne(std::string("SELECT ") + kIntakeColumns + " FROM intakes i WHERE i.id = :id", {P("id", id)});
  if (!row) return row.error();
  if (!*row) return std::optional<Intake>{};
  return std::optional<Intake>{IntakeFromRow(**row)};
}

Result<std::optional<Call>> CallOfIntake(db::Tx& tx, const std::string& intake_id) {
  auto row = tx.QueryOne(std::string("SELECT ") + kCallColumns +
                             " FROM calls c JOIN intakes i ON i.id = c.intake_id WHERE c.intake_id = :intake",
                         {P("intake", intake_id)});
  if (!row) return row.error();
  if (!*row) return std::optional<Call>{};
  auto call = CallFromRow(tx, **row);
  if (!call) return call.error();
  return std::optional<Call>{std::move(*call)};
}

Result<std::optional<Call>> GetCall(db::Tx& tx, const std::string& id) {
  auto row = tx.QueryOne(std::string("SELECT ") + kCallColumns +
                             " FROM calls c JOIN intakes i ON i.id = c.intake_id WHERE c.id = :id",
                         {P("id", id)});
  if (!row) return row.error();
  if (!*row) return std::optional<Call>{};
  auto call = CallFromRow(tx, **row);
  if (!call) return call.error();
  return std::optional<Call>{std::move(*call)};
}

Result<void> SaveCall(db::Tx& tx, const Call& c, bool is_new, const std::string& now) {
  const std::string settings = ToJson(*c.settings).dump();
  if (is_new) {
    return Done(tx.Exec(
        "INSERT INTO calls (id, intake_id, organisation_id, settings, time_zone, opens_at, closes_at, published, "
        "reference_prefix, created_at, updated_at) VALUES (:id, :intake, :org, :settings, :tz, :opens, :closes, "
        ":published, :prefix, :now, :now)",
        {P("id", c.id), P("intake", c.intake_id), P("org", c.organisation_id), P("settings", settings),
         P("tz", c.settings->time_zone), P("opens", c.opens_at), P("closes", c.closes_at),
         P("published", c.settings->published), P("prefix", c.reference_prefix), P("now", now)}));
  }
  return Done(tx.Exec(
      "UPDATE calls SET settings = :settings, settings_version = settings_version + 1, time_zone = :tz, opens_at = :opens, closes_at = :closes, "
      "published = :published, updated_at = :now WHERE id = :id AND organisation_id = :org",
      {P("settings", settings), P("tz", c.settings->time_zone), P("opens", c.opens_at), P("closes", c.closes_at),
       P("published", c.settings->published), P("now", now), P("id", c.id), P("org", c.organisation_id)}));
}

Result<std::string> UnusedReferencePrefix(db::Tx& tx, const std::string& base) {
  for (char suffix = 'A'; suffix <= 'Z'; ++suffix) {
    const std::string candidate = suffix == 'A' ? base : base + suffix;
    auto row = tx.QueryOne("SELECT 1 FROM calls WHERE reference_prefix = :p", {P("p", candidate)});
    if (!row) return row.error();
    if (!*row) return candidate;
  }
  return Error::FailedPrecondition("too many calls of this programme start in one year");
}

Result<int> CountApplications(db::Tx& tx, const std::string& call_id) {
  auto row = tx.QueryOne("SELECT count(*) FROM applications WHERE call_id = :call", {P("call", call_id)});
  if (!row) return row.error();
  return static_cast<int>((*row)->Int(0));
}

Result<std::set<std::string>> AnsweredKeys(db::Tx& tx, const std::string& call_id, const std::set<std::string>& keys) {
  std::set<std::string> out;
  for (const auto& key : keys) {
    // Keys are [a-z0-9_] (form.cc), so the JSON path needs no quoting.
    const bool sqlite = tx.engine() == db::Engine::kSqlite;
    auto row = tx.QueryOne(sqlite ? "SELECT 1 FROM applications WHERE call_id = :call AND json_type(answers, :path) "
                                    "IS NOT NULL LIMIT 1"
                                  : "SELECT 1 FROM applications WHERE call_id = :call AND "
                                    "jsonb_exists(CAST(answers AS jsonb), :path) LIMIT 1",
                           {P("call", call_id), P("path", sqlite ? "$." + key : key)});
    if (!row) return row.error();
    if (*row) out.insert(key);
  }
  return out;
}

namespace {

constexpr const char* kSummaryColumns =
    ", p.name, o.name, o.slug, i.name FROM calls c JOIN intakes i ON i.id = c.intake_id "
    "JOIN programmes p ON p.id = i.programme_id JOIN organisations o ON o.id = c.organisation_id ";

Result<CallSummary> SummaryFromRow(db::Tx& tx, const db::Row& r) {
  auto call = CallFromRow(tx, r);
  if (!call) return call.error();
  return CallSummary{std::move(*call), r.Text(9), r.Text(10), r.Text(11), r.Text(12)};
}

}  // namespace

Result<std::vector<CallSummary>> PublishedCalls(db::Tx& tx, const std::string& state, const std::string& now, int limit) {
  std::string where;
  if (state == "open") where = "AND c.opens_at <= :now AND c.closes_at > :now ORDER BY c.closes_at, c.id";
  else if (state == "upcoming") where = "AND c.opens_at > :now ORDER BY c.opens_at, c.id";
  else where = "AND c.closes_at <= :now ORDER BY c.closes_at DESC, c.id";
  auto rows = tx.Query(std::string("SELECT ") + kCallColumns + kSummaryColumns + "WHERE c.published = 1 " + where +
                           " LIMIT :limit",
                       {P("now", now), P("limit", limit)});
  if (!rows) return rows.error();
  std::vector<CallSummary> out;
  for (const auto& r : *rows) {
    auto s = SummaryFromRow(tx, r);
    if (!s) return s.error();
    out.push_back(std::move(*s));
  }
  return out;
}

Result<std::optional<CallSummary>> PublishedCall(db::Tx& tx, const std::string& id) {
  auto row = tx.QueryOne(std::string("SELECT ") + kCallColumns + kSummaryColumns + "WHERE c.id = :id AND c.published = 1",
                         {P("id", id)});
  if (!row) return row.error();
  if (!*row) return std::optional<CallSummary>{};
  auto s = SummaryFromRow(tx, **row);
  if (!s) return s.error();
  return std::optional<CallSummary>{std::move(*s)};
}

}  // namespace cohort::programmes::store
