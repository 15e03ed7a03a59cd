#include "domain/participants/activity_store.h"

namespace cohort::participants::store {
namespace {

using db::Done;
using db::P;

constexpr const char* kActivitySelect =
    "SELECT id, intake_id, organisation_id, series_id, kind, title, topic, trainer_name, trainer_kind, trainer_id, "
    "place, online_url, starts_at, ends_at, state, check_in_secret, version, created_at, updated_at FROM activities ";

Activity FromRow(const db::Row& r) {
  Activity a;
  a.id = r.Text(0);
  a.intake_id = r.Text(1);
  a.organisation_id = r.Text(2);
  a.series_id = r.OptText(3);
  a.kind = r.Text(4);
  a.title = r.Text(5);
  a.topic = r.Text(6);
  a.trainer_name = r.Text(7);
  a.trainer_kind = r.Text(8);
  a.trainer_id = r.OptText(9);
  a.place = r.Text(10);
  a.online_url = r.Text(11);
  a.starts_at = r.Text(12);
  a.ends_at = r.Text(13);
  a.state = r.Text(14);
  a.check_in_secret = r.Text(15);
  a.version = r.Int(16);
  a.created_at = r.Text(17);
  a.updated_at = r.Text(18);
  return a;
}

Result<std::vector<Activity>> Activities(db::Tx& tx, const std::string& where, const db::Params& params) {
  auto rows = tx.Query(std::string(kActivitySelect) + where + " ORDER BY starts_at, id", params);
  if (!rows) return rows.error();
  std::vector<Activity> out;
  for (const auto& r : *rows) out.push_back(FromRow(r));
  return out;
}

db::Params ActivityParams(const Activity& a) {
  return {P("id", a.id),           P("intake", a.intake_id),       P("org", a.organisation_id),
          P("series", a.series_id), P("kind", a.kind),              P("title", a.title),
          P("topic", a.topic),     P("trainer_name", a.trainer_name), P("trainer_kind", a.trainer_kind),
          P("trainer", a.trainer_id), P("place", a.place),          P("url", a.online_url),
          P("starts", a.starts_at), P("ends", a.ends_at),           P("state", a.state),
          P("secret", a.check_in_secret), P("version", a.version),  P("created", a.created_at),
          P("updated", a.updated_at)};
}

Result<std::vector<AttendanceRecord>> Records(db::Tx& tx, const std::string& sql, const db::Params& params) {
  auto rows = tx.Query(sql, params);
  if (!rows) return rows.error();
  std::vector<AttendanceRecord> out;
  for (const auto& r : *rows) {
    AttendanceRecord a;
    a.activity_id = r.Text(0);
    a.participant_id = r.Text(1);
    a.status = r.Text(2);
    a.method = r.Text(3);
    a.reason = r.OptText(4);
    a.recorded_by = r.OptText(5);
    a.recorded_at = r.Text(6);
    a.name = r.Text(7);
    out.push_back(std::move(a));
  }
  return out;
}

constexpr const char* kRecordSelect =
    "SELECT t.activity_id, t.participant_id, t.status, t.method, t.reason, t.recorded_by, t.recorded_at, a.name "
    "FROM attendance t JOIN participants p ON p.id = t.participant_id JOIN accounts a ON a.id = p.account_id ";

}  // namespace

Result<void> InsertActivity(db::Tx& tx, const Activity& a) {
  return Done(tx.Exec(
      "INSERT INTO activities (id, intake_id, organisation_id, series_id, kind, title, topic, trainer_name, trainer_kind, "
      "trainer_id, place, online_url, starts_at, ends_at, state, check_in_secret, version, created_at, updated_at) "
      "VALUES (:id, :intake, :org, :series, :kind, :title, :topic, :trainer_name, :trainer_kind, :trainer, :place, :url, "
      ":starts, :ends, :state, :secret, :version, :created, :updated)",
      ActivityParams(a)));
}

Result<std::optional<Activity>> GetActivity(db::Tx& tx, const std::string& id) {
  auto list = Activities(tx, "WHERE id = :id", {P("id", id)});
  if (!list) return list.error();
  if (list->empty()) return std::optional<Activity>();
  return std::optional<Activity>(std::move(list->front()));
}

Result<std::vector<Activity>> ActivitiesOf(db::Tx& tx, const std::string& intake_id) {
  return Activities(tx, "WHERE intake_id = :intake", {P("intake", intake_id)});
}

Result<std::vector<Activity>> ActivitiesOfSeries(db::Tx& tx, const std::string& series_id) {
  return Activities(tx, "WHERE series_id = :series", {P("series", series_id)});
}

Result<std::vector<Activity>> ActivitiesOfTrainer(db::Tx& tx, const std::string& account_id) {
  return Activities(tx, "WHERE trainer_id = :trainer", {P("trainer", account_id)});
}

Result<bool> SaveActivity(db::Tx& tx, const Activity& a, std::int64_t expected) {
  const db::Params params = {P("id", a.id),
                             P("kind", a.kind),
                             P("title", a.title),
                             P("topic", a.topic),
                             P("trainer_name", a.trainer_name),
                             P("trainer_kind", a.trainer_kind),
                             P("trainer", a.trainer_id),
                             P("place", a.place),
                             P("url", a.online_url),
                             P("starts", a.starts_at),
                             P("ends", a.ends_at),
                             P("state", a.state),
                             P("version", a.version),
                             P("updated", a.updated_at),
                             P("expected", expected)};
  auto n = tx.Exec(
      "UPDATE activities SET kind = :kind, title = :title, topic = :topic, trainer_name = :trainer_name, "
      "trainer_kind = :trainer_kind, trainer_id = :trainer, place = :place, online_url = :url, starts_at = :starts, "
      "ends_at = :ends, state = :state, version = :version, updated_at = :updated "
      "WHERE id = :id AND version = :expected",
      params);
  if (!n) return n.error();
  return *n == 1;
}

Result<std::vector<AttendanceRecord>> Attendance(db::Tx& tx, const std::string& activity_id) {
  return Records(tx, std::string(kRecordSelect) + "WHERE t.activity_id = :activity ORDER BY a.name",
                 {P("activity", activity_id)});
}

Result<std::vector<AttendanceRecord>> AttendanceOfIntake(db::Tx& tx, const std::string& intake_id) {
  return Records(tx,
                 std::string(kRecordSelect) +
                     "JOIN activities v ON v.id = t.activity_id WHERE v.intake_id = :intake ORDER BY t.activity_id",
                 {P("intake", intake_id)});
}

Result<std::vector<AttendanceRecord>> AttendanceOfParticipant(db::Tx& tx, const std::string& participant_id) {
  return Records(tx, std::string(kRecordSelect) + "WHERE t.participant_id = :participant ORDER BY t.activity_id",
                 {P("participant", participant_id)});
}

Result<void> SetAttendance(db::Tx& tx, const AttendanceRecord& r) {
  auto deleted = tx.Exec("DELETE FROM attendance WHERE activity_id = :activity AND participant_id = :participant",
                         {P("activity", r.activity_id), P("participant", r.participant_id)});
  if (!deleted) return deleted.error();
  return Done(tx.Exec(
      "INSERT INTO attendance (activity_id, participant_id, status, method, reason, recorded_by, recorded_at) "
      "VALUES (:activity, :participant, :status, :method, :reason, :by, :at)",
      {P("activity", r.activity_id), P("participant", r.participant_id), P("status", r.status), P("method", r.method),
       P("reason", r.reason), P("by", r.recorded_by), P("at", r.recorded_at)}));
}

Result<std::optional<std::string>> FeedToken(db::Tx& tx, const std::string& intake_id,
                                             const std::optional<std::string>& participant_id) {
  auto row = participant_id
                 ? tx.QueryOne("SELECT token FROM calendar_feeds WHERE intake_id = :intake AND participant_id = :p",
                               {P("intake", intake_id), P("p", *participant_id)})
                 : tx.QueryOne("SELECT token FROM calendar_feeds WHERE intake_id = :intake AND participant_id IS NULL",
                               {P("intake", intake_id)});
  if (!row) return row.error();
  if (!*row) return std::optional<std::string>();
  return std::optional<std::string>((**row).Text(0));
}

Result<void> ReplaceFeed(db::Tx& tx, const std::string& token, const std::string& intake_id,
                         const std::optional<std::string>& participant_id, const std::string& now) {
  auto deleted = participant_id
                     ? tx.Exec("DELETE FROM calendar_feeds WHERE intake_id = :intake AND participant_id = :p",
                               {P("intake", intake_id), P("p", *participant_id)})
                     : tx.Exec("DELETE FROM calendar_feeds WHERE intake_id = :intake AND participant_id IS NULL",
                               {P("intake", intake_id)});
  if (!deleted) return deleted.error();
  return Done(tx.Exec(
      "INSERT INTO calendar_feeds (token, intake_id, participant_id, created_at) VALUES (:token, :intake, :p, :now)",
      {P("token", token), P("intake", intake_id), P("p", participant_id), P("now", now)}));
}

Result<std::optional<std::pair<std::string, std::optional<std::string>>>> Feed(db::Tx& tx, const std::string& token) {
  auto row = tx.QueryOne("SELECT intake_id, participant_id FROM calendar_feeds WHERE token = :token", {P("token", token)});
  if (!row) return row.error();
  if (!*row) return std::optional<std::pair<std::string, std::optional<std::string>>>();
  return std::optional<std::pair<std::string, std::optional<std::string>>>(
      std::pair{(**row).Text(0), (**row).OptText(1)});
}

}  // namespace cohort::participants::store
