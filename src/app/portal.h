#pragma once
// A running portal: database (migrated), router with every route, HTTP
// server. `cohort serve` runs one; API tests start one in-process on a free
// port.
#include <memory>

#include "app/routes.h"
#include "core/config.h"
#include "app/sweeper.h"
#include "domain/notifications/worker.h"

namespace cohort::app {

class Portal {
 public:
  // Opens the database (creating the data folder for SQLite), applies
  // migrations when config.migrate, and starts serving. Errors name what
  // failed: kUnavailable for an unreachable database or a taken port.
  static Result<std::unique_ptr<Portal>> Start(const Config& config, const Clock& clock);
  ~Portal();

  std::uint16_t port() const { return server_->port(); }
  db::Database& database() { return *db_; }
  const audit::Trail& trail() const { return *trail_; }
  accounts::Service& accounts() { return *accounts_; }
  const http::Router& router() const { return router_; }
  // Graceful: requests in flight finish within `grace`.
  void Stop(std::chrono::milliseconds grace);

 private:
  Portal() = default;
  std::unique_ptr<db::Database> db_;
  std::unique_ptr<audit::Trail> trail_;
  std::unique_ptr<certificates::Signer> signer_;
  std::unique_ptr<accounts::Service> accounts_;
  std::unique_ptr<accounts::Authenticator> auth_;
  std::unique_ptr<notifications::OutboxWorker> outbox_;
  std::unique_ptr<Sweeper> offer_sweeper_;
  http::Router router_;
  http::Metrics metrics_;
  std::unique_ptr<http::Server> server_;
  const http::Server* server_view_ = nullptr;
  SystemInfo info_;
};

}  // namespace cohort::app
