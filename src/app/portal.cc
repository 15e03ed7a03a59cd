#include "app/portal.h"

#include <unistd.h>


#include "core/log.h"
#include "core/time_format.h"
#include "db/migrations.h"
#include "domain/decisions/service.h"

namespace cohort::app {
namespace {

// Names this node in the outbox claims and delivery log.
std::string NodeName(const Config& config) {
  char host[256] = {0};
  gethostname(host, sizeof host - 1);
  return std::string(host) + ":" + std::to_string(config.ListenPort()) + ":" + std::to_string(getpid());
}

}  // namespace

Result<std::unique_ptr<Portal>> Portal::Start(const Config& config, const Clock& clock) {
  auto portal = std::unique_ptr<Portal>(new Portal());
  auto key = audit::LoadOrCreateKey(config.secret_key_file, true);
  if (!key) return key.error();
  portal->trail_ = std::make_unique<audit::Trail>(*key);
  portal->signer_ = std::make_unique<certificates::Signer>(*key);
  db::Options options;
  options.pool_size = config.db_pool;
  auto db = db::Database::Open(config.db, options);
  if (!db) return db.error();
  portal->db_ = std::move(*db);
  if (config.migrate) {
    auto applied = db::Migrate(*portal->db_);
    if (!applied) return applied.error();
    if (*applied > 0) LogEvent(LogLevel::kInfo, "migrated", {{"applied", std::to_string(*applied)}});
  }
  portal->info_ = SystemInfo{COHORT_VERSION, FormatUtc(clock.Now()), clock.Now()};
  RegisterSystemRoutes(portal->router_, *portal->db_, clock, portal->metrics_, &portal->server_view_, portal->info_);
  accounts::Settings account_settings;
  account_settings.public_url = config.public_url;
  portal->accounts_ = std::make_unique<accounts::Service>(*portal->db_, *portal->trail_, account_settings);
  portal->auth_ = std::make_unique<accounts::Authenticator>(*portal->accounts_, clock);
  RegisterDomainRoutes(portal->router_, *portal->db_, *portal->trail_, *portal->signer_, *portal->accounts_, *portal->auth_,
                       config.public_url);
  if (!config.smtp_url.empty()) {
    notifications::SmtpSettings smtp{config.smtp_url, config.mail_from, config.smtp_username, config.smtp_password};
    portal->outbox_ = std::make_unique<notifications::OutboxWorker>(
        *portal->db_, clock, smtp, NodeName(config), std::chrono::milliseconds(config.outbox_poll_ms));
    portal->outbox_->Start();
  }
  // Offers past their deadline expire and free their seats for the waitlist.
  portal->offer_sweeper_ = std::make_unique<Sweeper>(
      std::chrono::milliseconds(config.offer_sweep_ms),
      [db = portal->db_.get(), trail = portal->trail_.get(), &clock, url = config.public_url] {
        const RequestContext system{Actor{}, "az", "offer-sweep", clock};
        auto expired = decisions::Service(*db, *trail, url).ExpireDue(system);
        if (!expired) LogEvent(LogLevel::kWarn, "offer sweep failed", {{"error", expired.error().message()}});
      });

  http::ServerOptions o;
  o.host = config.ListenHost();
  o.port = config.ListenPort();
  o.io_threads = config.io_threads;
  o.workers = config.workers;
  o.max_queue = config.max_queue;
  o.max_connections = config.max_connections;
  o.max_body_bytes = config.max_body_bytes;
  o.max_header_bytes = config.max_header_bytes;
  o.request_timeout_ms = config.request_timeout_ms;
  o.web_root = config.web_root;
  o.strict_transport = config.public_url.starts_with("https://");
  for (std::size_t start = 0; start < config.trusted_proxies.size();) {
    auto comma = config.trusted_proxies.find(',', start);
    if (comma == std::string::npos) comma = config.trusted_proxies.size();
    std::string proxy = config.trusted_proxies.substr(start, comma - start);
    proxy.erase(0, proxy.find_first_not_of(' '));
    proxy.erase(proxy.find_last_not_of(' ') + 1);
    if (!proxy.empty()) o.trusted_proxies.push_back(proxy);
    start = comma + 1;
  }
  portal->server_ = std::make_unique<http::Server>(o, portal->router_, portal->metrics_);
  portal->server_view_ = portal->server_.get();
  if (auto started = portal->server_->Start(); !started) return started.error();
  return portal;
}

Portal::~Portal() { Stop(std::chrono::milliseconds(0)); }

void Portal::Stop(std::chrono::milliseconds grace) {
  if (server_) server_->Stop(grace);
  offer_sweeper_.reset();
  outbox_.reset();
}

}  // namespace cohort::app
