#include "app/commands.h"

#include <signal.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/demo.h"
#include "app/portal.h"
#include "core/config.h"
#include "core/log.h"
#include "db/backup.h"
#include "db/migrations.h"
#include "domain/accounts/service.h"
#include "domain/audit/trail.h"

extern char** environ;

namespace cohort::app {
namespace {

constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

// Flags shared by the commands that open a database.
struct ConfigFlags {
  std::string config_file;
  std::map<std::string, std::string> values;  // key -> value given on the command line

  void AddTo(CLI::App& cmd, bool server) {
    cmd.add_option("--config", config_file, "configuration file (key = value lines)");
    Add(cmd, "--db", "db", "database URL: sqlite:PATH or postgresql://...");
    Add(cmd, "--data", "data", "data folder (default: data)");
    if (!server) return;
    Add(cmd, "--listen", "listen", "address to listen on (default 127.0.0.1:8080)");
    Add(cmd, "--web-root", "web_root", "folder of the built web UI (default web/dist)");
    Add(cmd, "--public-url", "public_url", "public base URL used in links sent to people");
    Add(cmd, "--workers", "workers", "request worker threads (default 32)");
    Add(cmd, "--io-threads", "io_threads", "HTTP I/O threads (default 2)");
    Add(cmd, "--log-level", "log_level", "trace|debug|info|warn|error|off");
    Add(cmd, "--migrate", "migrate", "apply pending migrations on start (true|false, default true)");
  }

  void Add(CLI::App& cmd, const std::string& flag, const std::string& key, const std::string& help) {
    cmd.add_option_function<std::string>(flag, [this, key](const std::string& v) { values[key] = v; }, help);
  }

  // Defaults < file < environment < flags.
  Result<Config> Build() const {
    Config c;
    if (!config_file.empty()) {
      if (auto r = c.LoadFile(config_file); !r) return r.error();
    }
    std::vector<std::string> env;
    for (char** e = environ; e && *e; ++e) env.emplace_back(*e);
    if (auto r = c.LoadEnvironment(env); !r) return r.error();
    for (const auto& [k, v] : values) {
      if (auto r = c.Set(k, v, "flag --" + k); !r) return r.error();
    }
    if (auto r = c.Validate(); !r) return r.error();
    return c;
  }
};

int Fail(const Error& e, int code = kExitFailure) {
  std::cerr << "cohort: " << e.message() << "\n";
  for (const auto& f : e.fields()) {
    if (!e.message().ends_with(f.message)) std::cerr << "  " << f.field << ": " << f.message << "\n";
  }
  return code;
}

Result<std::unique_ptr<db::Database>> OpenDatabase(const Config& c) {
  auto db = db::Database::Open(c.db);
  if (!db) return db.error();
  return std::move(*db);
}

// The audit trail with the configured key; created when absent only by
// commands that may start a new installation.
Result<audit::Trail> OpenTrail(const Config& c, bool create) {
  auto key = audit::LoadOrCreateKey(c.secret_key_file, create);
  if (!key) return key.error();
  return audit::Trail(*key);
}

int Serve(const ConfigFlags& flags) {
  auto config = flags.Build();
  if (!config) return Fail(config.error(), kExitUsage);
  InitLogging(config->log_level);
  // Block the stop signals in every thread; this one waits for them.
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGTERM);
  sigaddset(&stop, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);
  SystemClock clock;
  auto portal = Portal::Start(*config, clock);
  if (!portal) return Fail(portal.error());
  const auto url = "http://" + config->ListenHost() + ":" + std::to_string((*portal)->port());
  LogEvent(LogLevel::kInfo, "listening",
           {{"url", url}, {"db", std::string(db::ToString((*portal)->database().engine()))}, {"version", COHORT_VERSION}});
  std::cout << "Cohort " << COHORT_VERSION << " is serving " << url << std::endl;
  int sig = 0;
  sigwait(&stop, &sig);
  LogEvent(LogLevel::kInfo, "stopping", {{"signal", sig == SIGTERM ? "SIGTERM" : "SIGINT"}});
  (*portal)->Stop(std::chrono::seconds(10));
  LogEvent(LogLevel::kInfo, "stopped");
  return 0;
}

int Migrate(const ConfigFlags& flags) {
  auto config = flags.Build();
  if (!config) return Fail(config.error(), kExitUsage);
  auto db = OpenDatabase(*config);
  if (!db) return Fail(db.error());
  auto applied = db::Migrate(**db);
  if (!applied) return Fail(applied.error());
  std::cout << "applied " << *applied << " migration(s); schema version " << db::LatestSchemaVersion() << "\n";
  return 0;
}

int Demo(const ConfigFlags& flags, bool if_empty) {
  auto config = flags.Build();
  if (!config) return Fail(config.error(), kExitUsage);
  auto db = OpenDatabase(*config);
  if (!db) return Fail(db.error());
  if (auto m = db::Migrate(**db); !m) return Fail(m.error());
  SystemClock clock;
  auto trail = OpenTrail(*config, true);
  if (!trail) return Fail(trail.error());
  auto key = audit::LoadOrCreateKey(config->secret_key_file, false);  // signs the demo's certificates
  if (!key) return Fail(key.error());
  auto logins = LoadDemo(**db, *trail, clock, *key);
  if (!logins) {
    if (if_empty && logins.error().code() == ErrorCode::kFailedPrecondition) {
      std::cout << "The database already holds data; the demo was not loaded again. Demo logins, unless changed:\n";
      for (const auto& l : DemoLogins()) std::cout << "  " << l.role << ": " << l.email << " / " << l.password << "\n";
      return 0;
    }
    return Fail(logins.error());
  }
  std::cout << "Demo loaded. Logins:\n";
  for (const auto& l : *logins) std::cout << "  " << l.role << ": " << l.email << " / " << l.password << "\n";
  return 0;
}

int AdminCreate(const ConfigFlags& flags, const std::string& email, const std::string& name,
                const std::string& password_file, const std::string& organisation) {
  auto config = flags.Build();
  if (!config) return Fail(config.error(), kExitUsage);
  std::ifstream in(password_file);
  if (!in) return Fail(Error::InvalidArgument("--password-file: cannot read " + password_file), kExitUsage);
  std::string password;
  std::getline(in, password);
  auto db = OpenDatabase(*config);
  if (!db) return Fail(db.error());
  if (auto m = db::Migrate(**db); !m) return Fail(m.error());
  SystemClock clock;
  auto trail = OpenTrail(*config, true);
  if (!trail) return Fail(trail.error());
  accounts::NewAdmin admin{email, name.empty() ? email : name, password, std::nullopt};
  if (!organisation.empty()) admin.organisation_id = organisation;
  auto account = accounts::CreateAdmin(**db, *trail, RequestContext{Actor{}, "en", "cli", clock}, admin);
  if (!account) {
    return Fail(account.error(), account.error().code() == ErrorCode::kInvalidArgument ? kExitUsage : kExitFailure);
  }
  std::cout << "created " << (account->is_platform_admin ? "platform" : "organisation") << " administrator "
            << account->email << " (" << account->id << ")\n";
  return 0;
}

int TokenCreate(const ConfigFlags& flags, const std::string& email, const std::string& name) {
  auto config = flags.Build();
  if (!config) return Fail(config.error(), kExitUsage);
  auto db = OpenDatabase(*config);
  if (!db) return Fail(db.error());
  SystemClock clock;
  auto trail = OpenTrail(*config, false);
  if (!trail) return Fail(trail.error());
  auto token = accounts::CreateApiToken(**db, *trail, RequestContext{Actor{}, "en", "cli", clock}, email, name);
  if (!token) return Fail(token.error());
  std::cout << *token << "\n";
  return 0;
}

int AuditVerify(const ConfigFlags& flags) {
  auto config = flags.Build();
  if (!config) return Fail(config.error(), kExitUsage);
  auto db = OpenDatabase(*config);
  if (!db) return Fail(db.error());
  auto trail = OpenTrail(*config, false);
  if (!trail) return Fail(trail.error());
  auto report = trail->Verify(**db);
  if (!report) return Fail(report.error());
  if (report->first_bad_seq) {
    std::cerr << "cohort: audit chain broken at row " << *report->first_bad_seq << ": " << report->problem << "\n";
    return kExitFailure;
  }
  std::cout << "audit chain intact: " << report->rows << " rows\n";
  return 0;
}

int BackupCommand(const ConfigFlags& flags, const std::string& to) {
  auto config = flags.Build();
  if (!config) return Fail(config.error(), kExitUsage);
  if (auto r = db::Backup(config->db, to); !r) return Fail(r.error());
  std::cout << "backup written to " << to << "\n";
  return 0;
}

int RestoreCommand(const ConfigFlags& flags, const std::string& from) {
  auto config = flags.Build();
  if (!config) return Fail(config.error(), kExitUsage);
  if (auto r = db::Restore(config->db, from); !r) return Fail(r.error());
  std::cout << "restored " << config->db << " from " << from << "\n";
  return 0;
}

}  // namespace

int RunCli(int argc, char** argv) {
  CLI::App cli{"Cohort: selective programmes from the open call to the verified certificate"};
  cli.require_subcommand(1);
  cli.footer("Exit codes: 0 done, 1 failed, 2 bad usage or configuration.\n"
             "Configuration: defaults < --config file < COHORT_<KEY> environment < flags.");
  int exit_code = 0;

  ConfigFlags serve_flags;
  auto* serve = cli.add_subcommand("serve", "run the portal");
  serve_flags.AddTo(*serve, true);
  serve->callback([&] { exit_code = Serve(serve_flags); });

  ConfigFlags migrate_flags;
  auto* migrate = cli.add_subcommand("migrate", "apply pending migrations and exit");
  migrate_flags.AddTo(*migrate, false);
  migrate->callback([&] { exit_code = Migrate(migrate_flags); });

  ConfigFlags demo_flags;
  bool if_empty = false;
  auto* demo = cli.add_subcommand("demo", "load the demo organisations and logins into an empty database");
  demo_flags.AddTo(*demo, false);
  demo->add_flag("--if-empty", if_empty, "do nothing (and succeed) when the database already holds data");
  demo->callback([&] { exit_code = Demo(demo_flags, if_empty); });

  ConfigFlags admin_flags;
  std::string admin_email, admin_name, password_file, organisation;
  auto* admin = cli.add_subcommand("admin", "administrators");
  admin->require_subcommand(1);
  auto* admin_create = admin->add_subcommand("create", "create a platform or organisation administrator");
  admin_flags.AddTo(*admin_create, false);
  admin_create->add_option("--email", admin_email, "e-mail address")->required();
  admin_create->add_option("--name", admin_name, "display name");
  admin_create->add_option("--password-file", password_file, "file whose first line is the password")->required();
  admin_create->add_option("--organisation", organisation, "organisation id or code (an organisation admin)");
  admin_create->callback([&] { exit_code = AdminCreate(admin_flags, admin_email, admin_name, password_file, organisation); });

  ConfigFlags token_flags;
  std::string token_email, token_name;
  auto* token = cli.add_subcommand("token", "personal API tokens");
  token->require_subcommand(1);
  auto* token_create = token->add_subcommand("create", "print a new personal API token for an account");
  token_flags.AddTo(*token_create, false);
  token_create->add_option("--email", token_email, "the account's e-mail")->required();
  token_create->add_option("--name", token_name, "what the token is for");
  token_create->callback([&] { exit_code = TokenCreate(token_flags, token_email, token_name); });

  ConfigFlags backup_flags;
  std::string backup_to;
  auto* backup = cli.add_subcommand("backup", "write a consistent backup");
  backup_flags.AddTo(*backup, false);
  backup->add_option("--to", backup_to, "backup file")->required();
  backup->callback([&] { exit_code = BackupCommand(backup_flags, backup_to); });

  ConfigFlags restore_flags;
  std::string restore_from;
  auto* restore = cli.add_subcommand("restore", "replace the database with a backup");
  restore_flags.AddTo(*restore, false);
  restore->add_option("--from", restore_from, "backup file")->required();
  restore->callback([&] { exit_code = RestoreCommand(restore_flags, restore_from); });

  ConfigFlags audit_flags;
  auto* audit_cmd = cli.add_subcommand("audit", "the audit trail");
  audit_cmd->require_subcommand(1);
  auto* verify = audit_cmd->add_subcommand("verify", "check the audit chain; exit 1 naming the first bad row");
  audit_flags.AddTo(*verify, false);
  verify->callback([&] { exit_code = AuditVerify(audit_flags); });

  auto* version = cli.add_subcommand("version", "print the version");
  version->callback([&] {
    std::cout << "cohort " << COHORT_VERSION << " (schema " << db::LatestSchemaVersion() << ")\n";
  });

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = cli.exit(e);
    return code == 0 ? 0 : kExitUsage;
  }
  return exit_code;
}

}  // namespace cohort::app
