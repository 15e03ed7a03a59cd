#include "domain/audit/trail.h"

#include <sodium.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/time_format.h"

namespace cohort::audit {
namespace {

std::string Hex(const unsigned char* data, std::size_t n) {
  std::string out(n * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), data, n);
  out.pop_back();
  return out;
}

Record FromRow(const db::Row& r) {
  Record rec;
  rec.seq = r.Int(0);
  rec.at = r.Text(1);
  rec.actor_account_id = r.Text(2);
  rec.entry = Entry{r.Text(3), r.Text(4), r.Text(5), r.Text(6), r.Text(7), r.Text(8)};
  rec.request_id = r.Text(9);
  return rec;
}

constexpr const char* kColumns =
    "seq, at, COALESCE(actor_account_id, ''), COALESCE(organisation_id, ''), subject_type, subject_id, action, "
    "COALESCE(before_json, ''), COALESCE(after_json, ''), request_id, prev_hmac, hmac";

}  // namespace

std::string Trail::Mac(const Record& r, const std::string& prev) const {
  // Fields separated by a byte that cannot occur in them unescaped (0x1f),
  // so no two different rows share a message.
  std::string msg = std::to_string(r.seq);
  for (const std::string* f : {&r.at, &r.actor_account_id, &r.entry.organisation_id, &r.entry.subject_type,
                               &r.entry.subject_id, &r.entry.action, &r.entry.before_json, &r.entry.after_json,
                               &r.request_id, &prev}) {
    msg += '\x1f';
    msg += *f;
  }
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_state st;
  crypto_auth_hmacsha256_init(&st, reinterpret_cast<const unsigned char*>(key_.data()), key_.size());
  crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(msg.data()), msg.size());
  crypto_auth_hmacsha256_final(&st, mac);
  return Hex(mac, sizeof mac);
}

Result<void> Trail::Append(db::Tx& tx, const RequestContext& ctx, const Entry& entry) const {
  const char* lock = tx.engine() == db::Engine::kPostgres
                         ? "SELECT seq, hmac FROM audit_head WHERE id = 1 FOR UPDATE"
                         : "SELECT seq, hmac FROM audit_head WHERE id = 1";  // the one SQLite writer orders appends
  auto head = tx.QueryOne(lock);
  if (!head) return head.error();
  if (!*head) return Error::Internal("audit_head row is missing");
  Record r;
  r.seq = (*head)->Int(0) + 1;
  r.at = FormatUtc(ctx.clock.Now());
  r.actor_account_id = ctx.actor.account_id;
  r.entry = entry;
  r.request_id = ctx.request_id;
  const std::string prev = (*head)->Text(1);
  const std::string mac = Mac(r, prev);
  auto opt = [](const std::string& s) { return s.empty() ? std::optional<std::string>{} : std::optional<std::string>{s}; };
  auto ins = tx.Exec(
      "INSERT INTO audit_log (seq, at, actor_account_id, organisation_id, subject_type, subject_id, action, "
      "before_json, after_json, request_id, prev_hmac, hmac) VALUES (:seq, :at, :actor, :org, :type, :id, :action, "
      ":before, :after, :request, :prev, :hmac)",
      {db::P("seq", r.seq), db::P("at", r.at), db::P("actor", opt(r.actor_account_id)),
       db::P("org", opt(entry.organisation_id)), db::P("type", entry.subject_type), db::P("id", entry.subject_id),
       db::P("action", entry.action), db::P("before", opt(entry.before_json)), db::P("after", opt(entry.after_json)),
       db::P("request", r.request_id), db::P("prev", prev), db::P("hmac", mac)});
  if (!ins) return ins.error();
  auto upd = tx.Exec("UPDATE audit_head SET seq = :seq, hmac = :hmac WHERE id = 1",
                     {db::P("seq", r.seq), db::P("hmac", mac)});
  if (!upd) return upd.error();
  return Ok();
}

Result<VerifyReport> Trail::Verify(db::Database& db) const {
  return db.Read([&](db::Tx& tx) -> Result<VerifyReport> {
    VerifyReport report;
    // The head first: rows appended while we walk (a live system) lie
    // beyond it and are left for the next check.
    auto head = tx.QueryOne("SELECT seq, hmac FROM audit_head WHERE id = 1");
    if (!head) return head.error();
    const std::int64_t last = *head ? (*head)->Int(0) : -1;
    std::string prev;
    std::int64_t expected = 1;
    constexpr int kBatch = 5000;
    for (;;) {
      auto rows = tx.Query(std::string("SELECT ") + kColumns +
                               " FROM audit_log WHERE seq >= :from AND seq <= :last ORDER BY seq LIMIT :n",
                           {db::P("from", expected), db::P("last", last), db::P("n", kBatch)});
      if (!rows) return rows.error();
      for (const auto& row : *rows) {
        const Record r = FromRow(row);
        auto fail = [&](std::int64_t seq, std::string why) {
          report.first_bad_seq = seq;
          report.problem = std::move(why);
          return report;
        };
        if (r.seq != expected) return fail(expected, "row " + std::to_string(expected) + " is missing");
        if (row.Text(10) != prev) return fail(r.seq, "row " + std::to_string(r.seq) + " does not follow its predecessor");
        if (Mac(r, prev) != row.Text(11)) return fail(r.seq, "row " + std::to_string(r.seq) + " was altered");
        prev = row.Text(11);
        ++expected;
        ++report.rows;
      }
      if (static_cast<int>(rows->size()) < kBatch) break;
    }
    if (!*head || last != expected - 1 || (*head)->Text(1) != prev) {
      report.first_bad_seq = expected;
      report.problem = "the chain ends at row " + std::to_string(expected - 1) + " but its head says row " +
                       std::to_string(*head ? (*head)->Int(0) : -1) + ": rows were removed from the end";
    }
    return report;
  });
}

Result<std::vector<Record>> Trail::History(db::Tx& tx, const std::string& subject_type, const std::string& subject_id) {
  auto rows = tx.Query(std::string("SELECT ") + kColumns +
                           " FROM audit_log WHERE subject_type = :type AND subject_id = :id ORDER BY seq",
                       {db::P("type", subject_type), db::P("id", subject_id)});
  if (!rows) return rows.error();
  std::vector<Record> out;
  for (const auto& r : *rows) out.push_back(FromRow(r));
  return out;
}

Result<std::string> LoadOrCreateKey(const std::string& path, bool create) {
  std::ifstream in(path, std::ios::binary);
  if (in) {
    std::stringstream s;
    s << in.rdbuf();
    std::string key = s.str();
    while (!key.empty() && (key.back() == '\n' || key.back() == '\r')) key.pop_back();
    if (key.size() < 32) return Error::InvalidArgument("secret key file " + path + " holds fewer than 32 bytes");
    return key;
  }
  if (!create) return Error::NotFound("secret key file " + path + " does not exist");
  if (sodium_init() < 0) return Error::Internal("libsodium failed to initialise");
  unsigned char raw[32];
  randombytes_buf(raw, sizeof raw);
  const std::string key = Hex(raw, sizeof raw);
  std::error_code ec;
  const auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  // Written whole to a private file (readable by the owner only from the
  // first byte), then linked into place: link() is atomic and fails when
  // the name exists, so of two processes starting at once one key wins and
  // the other reads it complete.
  const std::string tmp = path + ".new." + std::to_string(getpid()) + "." + std::to_string(randombytes_random());
  const int fd = open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0) return Error::Unavailable("cannot write secret key file " + path);
  const std::string line = key + "\n";
  const bool written = write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) && fsync(fd) == 0;
  close(fd);
  if (!written) {
    unlink(tmp.c_str());
    return Error::Unavailable("cannot write secret key file " + path);
  }
  const int linked = link(tmp.c_str(), path.c_str());
  const int link_errno = errno;
  unlink(tmp.c_str());
  if (linked != 0) {
    if (link_errno == EEXIST) return LoadOrCreateKey(path, false);
    return Error::Unavailable("cannot write secret key file " + path);
  }
  return key;
}

}  // namespace cohort::audit
