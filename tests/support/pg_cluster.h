#pragma once
// A throwaway PostgreSQL 15 cluster in a temporary folder, on a free port,
// for tests that must stop and start the server (readiness, recovery).
// When run as root the server runs as the `postgres` user.
#include <memory>
#include <string>
#include <vector>

#include "support/temp_dir.h"

namespace cohort::testing {

class PgCluster {
 public:
  PgCluster();   // initdb; throws std::runtime_error when PostgreSQL is missing
  ~PgCluster();  // stops and deletes
  void Start();
  void Stop();
  int port() const { return port_; }
  std::string Url(const std::string& database = "postgres") const;

 private:
  std::vector<std::string> AsServerUser(std::vector<std::string> argv) const;
  TempDir dir_;
  std::string data_;
  int port_;
  bool running_ = false;
};

// True when PostgreSQL 15's server binaries are installed.
bool PostgresInstalled();

}  // namespace cohort::testing
