#pragma once
// Server configuration. Sources, lowest precedence first: built-in defaults,
// a config file (`key = value` lines, `#` comments), environment variables
// COHORT_<KEY in upper case>, command-line flags. Every value is checked in
// Validate(); a bad value names its key and its source.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"

namespace cohort {

struct Config {
  std::string listen = "127.0.0.1:8080";  // host:port
  std::string db;                          // sqlite:PATH or postgresql://...; default sqlite:DATA/cohort.db
  std::string data = "data";               // folder for the SQLite file and uploads
  std::string web_root = "web/dist";       // built web UI; served at /
  std::string public_url;                  // e.g. https://apply.example.az; default http://LISTEN
  std::string secret_key_file;             // audit-chain key; default beside the SQLite file, else DATA/secret.key
  int io_threads = 2;                      // RESTinio I/O threads
  int workers = 32;                        // request worker threads (database work runs here)
  int max_queue = 4096;                    // queued requests beyond which new ones get 503
  int max_connections = 10000;             // concurrent connections; further ones wait to be accepted
  std::int64_t max_body_bytes = 1 << 20;   // larger bodies get 413
  std::int64_t max_header_bytes = 16384;   // larger header blocks get 431
  int request_timeout_ms = 30000;          // a request not fully read in time is dropped
  int db_pool = 8;                         // database connections (readers for SQLite)
  std::string log_level = "info";          // trace, debug, info, warn, error, off
  std::string trusted_proxies;             // comma-separated addresses whose X-Forwarded-For is believed
  std::string smtp_url;                    // smtp://host:port; empty: messages wait in the outbox
  std::string smtp_username;
  std::string smtp_password;
  std::string mail_from = "Cohort <no-reply@cohort.local>";
  int outbox_poll_ms = 2000;               // how often the outbox worker looks for due messages
  int offer_sweep_ms = 60000;              // how often offers past their deadline are expired
  bool migrate = true;                     // apply pending migrations on start

  // The keys a file or the environment may set, with their one-line help.
  static const std::map<std::string, std::string>& Keys();

  // Sets `key` from text; `source` says where it came from, for messages.
  Result<void> Set(const std::string& key, const std::string& value, const std::string& source);
  // Reads a config file. Unknown keys and malformed lines are errors.
  Result<void> LoadFile(const std::string& path);
  // The same from text; `source` names it in messages.
  Result<void> LoadText(const std::string& text, const std::string& source);
  // Reads COHORT_* variables from `environ`-style "KEY=value" entries.
  Result<void> LoadEnvironment(const std::vector<std::string>& env);
  // Fills derived defaults (db from data, public_url from listen) and
  // checks every value. Errors carry one FieldError per bad key.
  Result<void> Validate();

  std::string ListenHost() const;
  std::uint16_t ListenPort() const;

 private:
  std::map<std::string, std::string> sources_;  // key -> where its value came from
};

}  // namespace cohort
