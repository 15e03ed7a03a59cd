#pragma once
// The HTTP server: RESTinio I/O threads read requests and write responses;
// handlers run on a WorkerPool. Every response gets the security headers,
// X-Request-Id, a metrics observation and one JSON access-log line.
//
// Limits: a header block over max_header_bytes is answered 431, a body
// over max_body_bytes 413; a full worker queue 503 with Retry-After; a
// request not fully read within request_timeout_ms 408 and the connection
// closed. Input the server refuses to buffer (bodies over twice
// max_body_bytes, header fields over four times max_header_bytes) and
// unparseable requests are answered 400 and the connection closed (see
// answering_socket.h). Connections beyond max_connections wait in the
// listen backlog until one closes.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/error.h"
#include "http/metrics.h"
#include "http/router.h"

namespace cohort::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;  // 0 picks a free port; see Server::port()
  int io_threads = 2;
  int workers = 32;
  int max_queue = 4096;
  int max_connections = 10000;
  std::int64_t max_body_bytes = 1 << 20;
  std::int64_t max_header_bytes = 16384;
  int request_timeout_ms = 30000;
  std::string web_root;      // empty: no web UI
  bool strict_transport = false;  // add HSTS (public URL is https)
  // Peers (e.g. nginx on 127.0.0.1) whose X-Forwarded-For names the client;
  // from anyone else the header is ignored.
  std::vector<std::string> trusted_proxies;
};

class Server {
 public:
  Server(ServerOptions options, const Router& router, Metrics& metrics);
  ~Server();

  // Binds and starts serving. kUnavailable naming the address when it is
  // taken or cannot be bound.
  Result<void> Start();
  // The bound port (useful after asking for port 0).
  std::uint16_t port() const { return bound_port_.load(); }
  // Stops accepting, lets requests in flight finish (up to `grace`), then
  // stops the I/O threads. Safe to call more than once.
  void Stop(std::chrono::milliseconds grace);

  // Counters for /metrics.
  std::size_t queued() const;
  int busy_workers() const;
  int workers() const;
  std::int64_t in_flight() const { return in_flight_.load(); }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::atomic<std::uint16_t> bound_port_{0};
  std::atomic<std::int64_t> in_flight_{0};
};

}  // namespace cohort::http
