#include "support/pg_cluster.h"

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <stdexcept>

#include "support/process.h"

namespace cohort::testing {
namespace {
const std::string kBin = "/usr/lib/postgresql/15/bin/";
}

bool PostgresInstalled() { return std::filesystem::exists(kBin + "pg_ctl"); }

std::vector<std::string> PgCluster::AsServerUser(std::vector<std::string> argv) const {
  if (geteuid() != 0) return argv;
  argv.insert(argv.begin(), {"runuser", "-u", "postgres", "--"});
  return argv;
}

PgCluster::PgCluster() : port_(FreePort()) {
  if (!PostgresInstalled()) throw std::runtime_error("PostgreSQL 15 is not installed");
  data_ = dir_.path() + "/data";
  chmod(dir_.path().c_str(), 0777);
  auto r = RunProcess(AsServerUser({kBin + "initdb", "-D", data_, "-U", "postgres", "--auth=trust", "-E", "UTF8",
                             "--no-instructions", "--no-sync"}));
  if (r.exit_code != 0) throw std::runtime_error("initdb failed: " + r.err);
  Start();
}

PgCluster::~PgCluster() {
  Stop();
}

void PgCluster::Start() {
  if (running_) return;
  const std::string options = "-p " + std::to_string(port_) + " -k " + dir_.path() +
                              " -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off";
  auto r = RunProcess(AsServerUser({kBin + "pg_ctl", "-D", data_, "-o", options, "-l", dir_.path() + "/server.log", "-w",
                             "-t", "60", "start"}));
  if (r.exit_code != 0) throw std::runtime_error("pg_ctl start failed: " + r.err + ReadFile(dir_.path() + "/server.log"));
  running_ = true;
}

void PgCluster::Stop() {
  if (!running_) return;
  (void)RunProcess(AsServerUser({kBin + "pg_ctl", "-D", data_, "-m", "immediate", "-w", "stop"}));
  running_ = false;
}

std::string PgCluster::Url(const std::string& database) const {
  return "postgresql://postgres@127.0.0.1:" + std::to_string(port_) + "/" + database;
}

}  // namespace cohort::testing
