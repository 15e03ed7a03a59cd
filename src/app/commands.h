#pragma once
// The `cohort` command line (API.md "Command line"). Exit codes: 0 done,
// 1 the work failed (database unreachable, port taken, ...), 2 bad usage or
// configuration (the message names the key and what was wrong).
namespace cohort::app {

int RunCli(int argc, char** argv);

}  // namespace cohort::app
