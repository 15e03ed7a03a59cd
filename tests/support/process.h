#pragma once
// Child processes for tests: the real `cohort` binary, PostgreSQL tools.
#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace cohort::testing {

struct ProcessResult {
  int exit_code = -1;  // -1 when killed by a signal
  std::string out;
  std::string err;
};

// Runs argv to completion (stdin from /dev/null) and captures its output.
ProcessResult RunProcess(const std::vector<std::string>& argv, const std::vector<std::string>& extra_env = {});

// A child running in the background; killed (SIGKILL) on destruction if
// still running.
class Child {
 public:
  Child(const std::vector<std::string>& argv, const std::string& log_file,
        const std::vector<std::string>& extra_env = {});
  ~Child();
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  pid_t pid() const { return pid_; }
  void Signal(int sig) const;
  // Waits for exit; std::nullopt after `timeout`.
  std::optional<int> Wait(std::chrono::milliseconds timeout);

 private:
  pid_t pid_ = -1;
  bool reaped_ = false;
};

// A free TCP port on 127.0.0.1 (bound and released; good enough for tests).
int FreePort();

// Polls GET /healthz on 127.0.0.1:port until it answers 200 or `timeout`.
bool WaitForHealthy(int port, std::chrono::milliseconds timeout);

std::string ReadFile(const std::string& path);
void WriteFile(const std::string& path, const std::string& content);

}  // namespace cohort::testing
