#include "db/backup.h"

#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <vector>

namespace cohort::db {
namespace {

// Copies `from` into `to` with SQLite's backup API (a consistent snapshot).
Result<void> CopySqlite(const std::string& from, const std::string& to, bool check_source) {
  sqlite3* src = nullptr;
  sqlite3* dst = nullptr;
  auto close = [&] {
    sqlite3_close_v2(src);
    sqlite3_close_v2(dst);
  };
  if (sqlite3_open_v2(from.c_str(), &src, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nullptr) != SQLITE_OK) {
    Error e = Error::Unavailable("cannot open " + from + ": " + sqlite3_errmsg(src));
    close();
    return e;
  }
  if (check_source) {
    sqlite3_stmt* st = nullptr;
    std::string verdict;
    if (sqlite3_prepare_v2(src, "PRAGMA quick_check", -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
      verdict = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    }
    sqlite3_finalize(st);
    if (verdict != "ok") {
      close();
      return Error::FailedPrecondition(from + " is not a sound SQLite database (" + verdict + ")");
    }
  }
  if (sqlite3_open_v2(to.c_str(), &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
    Error e = Error::Unavailable("cannot open " + to + ": " + sqlite3_errmsg(dst));
    close();
    return e;
  }
  sqlite3_busy_timeout(dst, 5000);
  sqlite3_backup* b = sqlite3_backup_init(dst, "main", src, "main");
  if (!b) {
    Error e = Error::Unavailable("backup of " + from + " failed: " + sqlite3_errmsg(dst));
    close();
    return e;
  }
  const int rc = sqlite3_backup_step(b, -1);
  sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE) {
    Error e = Error::Unavailable("backup of " + from + " failed: " + sqlite3_errstr(rc));
    close();
    return e;
  }
  close();
  return Ok();
}

std::string FindPgTool(const std::string& name) {
  const std::string debian = "/usr/lib/postgresql/15/bin/" + name;
  if (std::filesystem::exists(debian)) return debian;
  return name;  // left to PATH
}

Result<void> RunProgram(const std::vector<std::string>& argv) {
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  const pid_t pid = fork();
  if (pid < 0) return Error::Unavailable("cannot start " + argv[0]);
  if (pid == 0) {
    execvp(args[0], args.data());
    std::perror(args[0]);
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return Error::Unavailable(argv[0] + " failed with exit code " +
                              std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1));
  }
  return Ok();
}

}  // namespace

Result<void> Backup(const std::string& url, const std::string& file) {
  if (url.starts_with("sqlite:")) {
    const std::string tmp = file + ".partial";
    std::filesystem::remove(tmp);
    if (auto r = CopySqlite(url.substr(7), tmp, false); !r) return r;
    std::filesystem::rename(tmp, file);  // never leave a half-written backup under the real name
    return Ok();
  }
  return RunProgram({FindPgTool("pg_dump"), "--format=custom", "--no-owner", "--file=" + file, "--dbname=" + url});
}

Result<void> Restore(const std::string& url, const std::string& file) {
  if (!std::filesystem::exists(file)) return Error::NotFound("backup file " + file + " does not exist");
  if (url.starts_with("sqlite:")) return CopySqlite(file, url.substr(7), true);
  return RunProgram({FindPgTool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--single-transaction",
                     "--dbname=" + url, file});
}

}  // namespace cohort::db
