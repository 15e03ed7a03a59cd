#include "core/config.h"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <sstream>

namespace cohort {
namespace {

std::string Trim(std::string s) {
  const auto not_space = [](unsigned char c) { return !std::isspace(c); };
  s.erase(s.begin(), std::find_if(s.begin(), s.end(), not_space));
  s.erase(std::find_if(s.rbegin(), s.rend(), not_space).base(), s.end());
  return s;
}

template <class Int>
std::optional<Int> ParseInt(const std::string& s) {
  Int v{};
  const auto* end = s.data() + s.size();
  auto [p, ec] = std::from_chars(s.data(), end, v);
  if (ec != std::errc() || p != end) return std::nullopt;
  return v;
}

std::optional<bool> ParseBool(const std::string& s) {
  if (s == "true" || s == "1" || s == "yes" || s == "on") return true;
  if (s == "false" || s == "0" || s == "no" || s == "off") return false;
  return std::nullopt;
}

Error BadValue(const std::string& key, const std::string& source, const std::string& why) {
  return Error::InvalidArgument(source + ": " + key + ": " + why, {{key, "invalid", why}});
}

}  // namespace

const std::map<std::string, std::string>& Config::Keys() {
  static const std::map<std::string, std::string> keys = {
      {"listen", "address to listen on, host:port"},
      {"db", "database URL: sqlite:PATH or postgresql://..."},
      {"data", "data folder (SQLite file, uploads)"},
      {"web_root", "folder of the built web UI"},
      {"public_url", "public base URL used in links sent to people"},
      {"secret_key_file", "file with the audit-chain key (created when absent; all nodes share it)"},
      {"io_threads", "HTTP I/O threads"},
      {"workers", "request worker threads"},
      {"max_queue", "queued requests before answering 503"},
      {"max_connections", "concurrent connections"},
      {"max_body_bytes", "largest accepted request body"},
      {"max_header_bytes", "largest accepted request header block"},
      {"request_timeout_ms", "time allowed to read a request"},
      {"db_pool", "database connections"},
      {"log_level", "trace|debug|info|warn|error|off"},
      {"trusted_proxies", "comma-separated proxy addresses whose X-Forwarded-For names the client"},
      {"smtp_url", "SMTP server for outgoing mail, smtp://host:port (empty: mail waits in the outbox)"},
      {"smtp_username", "SMTP user name"},
      {"smtp_password", "SMTP password"},
      {"mail_from", "sender of outgoing mail"},
      {"outbox_poll_ms", "how often the outbox worker looks for due messages"},
      {"offer_sweep_ms", "how often offers past their deadline are expired (and the waitlist promoted)"},
      {"migrate", "apply pending migrations on start (true|false)"},
  };
  return keys;
}

Result<void> Config::Set(const std::string& key, const std::string& value, const std::string& source) {
  auto set_int = [&](auto& field, long long lo, long long hi) -> Result<void> {
    using Int = std::remove_reference_t<decltype(field)>;
    auto v = ParseInt<Int>(value);
    if (!v) return BadValue(key, source, "expected a whole number, got '" + value + "'");
    if (*v < lo || *v > hi) {
      return BadValue(key, source,
                      "must be between " + std::to_string(lo) + " and " + std::to_string(hi) + ", got " + value);
    }
    field = *v;
    return Ok();
  };
  Result<void> r;
  if (key == "listen") listen = value;
  else if (key == "db") db = value;
  else if (key == "data") data = value;
  else if (key == "web_root") web_root = value;
  else if (key == "public_url") public_url = value;
  else if (key == "secret_key_file") secret_key_file = value;
  else if (key == "io_threads") r = set_int(io_threads, 1, 64);
  else if (key == "workers") r = set_int(workers, 1, 1024);
  else if (key == "max_queue") r = set_int(max_queue, 1, 1000000);
  else if (key == "max_connections") r = set_int(max_connections, 1, 1000000);
  else if (key == "max_body_bytes") r = set_int(max_body_bytes, 1024, 1LL << 30);
  else if (key == "max_header_bytes") r = set_int(max_header_bytes, 1024, 1 << 20);
  else if (key == "request_timeout_ms") r = set_int(request_timeout_ms, 100, 3600000);
  else if (key == "db_pool") r = set_int(db_pool, 1, 256);
  else if (key == "log_level") log_level = value;
  else if (key == "trusted_proxies") trusted_proxies = value;
  else if (key == "smtp_url") smtp_url = value;
  else if (key == "smtp_username") smtp_username = value;
  else if (key == "smtp_password") smtp_password = value;
  else if (key == "mail_from") mail_from = value;
  else if (key == "outbox_poll_ms") r = set_int(outbox_poll_ms, 10, 3600000);
  else if (key == "offer_sweep_ms") r = set_int(offer_sweep_ms, 10, 3600000);
  else if (key == "migrate") {
    auto b = ParseBool(value);
    if (!b) return BadValue(key, source, "expected true or false, got '" + value + "'");
    migrate = *b;
  } else {
    return Error::InvalidArgument(source + ": unknown key '" + key + "'", {{key, "unknown", "unknown key"}});
  }
  if (r) sources_[key] = source;
  return r;
}

Result<void> Config::LoadFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    return Error::InvalidArgument("config file " + path + ": cannot be read",
                                  {{"config", "unreadable", "cannot be read"}});
  }
  std::stringstream text;
  text << in.rdbuf();
  return LoadText(text.str(), path);
}

Result<void> Config::LoadText(const std::string& text, const std::string& file) {
  std::istringstream in(text);
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    const std::string source = file + ":" + std::to_string(number);
    line = Trim(line);
    if (line.empty() || line[0] == '#') continue;
    const auto eq = line.find('=');
    if (eq == std::string::npos) {
      return Error::InvalidArgument(source + ": expected 'key = value', got '" + line + "'",
                                    {{"config", "malformed", "expected key = value"}});
    }
    auto value = Trim(line.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
    auto r = Set(Trim(line.substr(0, eq)), value, source);
    if (!r) return r;
  }
  return Ok();
}

Result<void> Config::LoadEnvironment(const std::vector<std::string>& env) {
  for (const auto& entry : env) {
    if (!entry.starts_with("COHORT_")) continue;
    const auto eq = entry.find('=');
    if (eq == std::string::npos) continue;
    std::string key = entry.substr(7, eq - 7);
    std::transform(key.begin(), key.end(), key.begin(), [](unsigned char c) { return std::tolower(c); });
    if (!Keys().contains(key)) continue;  // other COHORT_* variables belong to tools and tests
    auto r = Set(key, entry.substr(eq + 1), "environment COHORT_" + entry.substr(7, eq - 7));
    if (!r) return r;
  }
  return Ok();
}

std::string Config::ListenHost() const { return listen.substr(0, listen.rfind(':')); }

std::uint16_t Config::ListenPort() const {
  return ParseInt<std::uint16_t>(listen.substr(listen.rfind(':') + 1)).value_or(0);
}

Result<void> Config::Validate() {
  auto source = [&](const std::string& key) {
    auto it = sources_.find(key);
    return it == sources_.end() ? std::string("default") : it->second;
  };
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0) {
    return BadValue("listen", source("listen"), "expected host:port, got '" + listen + "'");
  }
  auto port = ParseInt<long>(listen.substr(colon + 1));
  if (!port || *port < 0 || *port > 65535) {
    return BadValue("listen", source("listen"), "port must be a number from 0 to 65535, got '" + listen + "'");
  }
  if (db.empty()) db = "sqlite:" + data + "/cohort.db";
  if (secret_key_file.empty()) {
    // Beside an SQLite file (one folder holds the whole installation);
    // in the data folder for PostgreSQL.
    const auto slash = db.rfind('/');
    const bool sqlite_path = db.starts_with("sqlite:") && !db.starts_with("sqlite:file:");
    if (sqlite_path && slash != std::string::npos) secret_key_file = db.substr(7, slash - 7) + "/secret.key";
    else if (sqlite_path) secret_key_file = "secret.key";
    else secret_key_file = data + "/secret.key";
  }
  if (!db.starts_with("sqlite:") && !db.starts_with("postgresql://") && !db.starts_with("postgres://")) {
    return BadValue("db", source("db"), "expected sqlite:PATH or postgresql://..., got '" + db + "'");
  }
  if (db == "sqlite:") return BadValue("db", source("db"), "sqlite: needs a file path");
  static const std::vector<std::string> levels = {"trace", "debug", "info", "warn", "error", "off"};
  if (std::find(levels.begin(), levels.end(), log_level) == levels.end()) {
    return BadValue("log_level", source("log_level"), "expected one of trace, debug, info, warn, error, off");
  }
  if (public_url.empty()) public_url = "http://" + listen;
  if (!public_url.starts_with("http://") && !public_url.starts_with("https://")) {
    return BadValue("public_url", source("public_url"), "must start with http:// or https://");
  }
  while (public_url.ends_with('/')) public_url.pop_back();
  if (!smtp_url.empty() && !smtp_url.starts_with("smtp://") && !smtp_url.starts_with("smtps://")) {
    return BadValue("smtp_url", source("smtp_url"), "must start with smtp:// or smtps://");
  }
  return Ok();
}

}  // namespace cohort
