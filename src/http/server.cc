// The only file that includes RESTinio (each such file costs ~15 s to
// compile). Everything else talks to our Router, Request and Response.
#include "http/server.h"

#include <restinio/all.hpp>

#include <algorithm>
#include <future>
#include <thread>

#include "core/id.h"
#include "core/log.h"
#include "http/answering_socket.h"
#include "http/problem.h"
#include "http/static_files.h"
#include "http/worker_pool.h"

namespace cohort::http {
namespace {

struct Traits : public restinio::default_traits_t {
  static constexpr bool use_connection_count_limiter = true;
  using stream_socket_t = AnsweringSocket;
};
using RestinioServer = restinio::http_server_t<Traits>;

constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const char* ReasonPhrase(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 413: return "Content Too Large";
    case 415: return "Unsupported Media Type";
    case 422: return "Unprocessable Content";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Status";
  }
}

bool ValidRequestId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') return false;
  }
  return true;
}

}  // namespace

struct Server::Impl {
  ServerOptions options;
  const Router& router;
  Metrics& metrics;
  StaticFiles static_files;
  std::unique_ptr<WorkerPool> pool;
  std::unique_ptr<RestinioServer> server;
  std::vector<std::thread> io_threads;
  std::atomic<bool> stopped{false};
  Server* owner;

  Impl(ServerOptions o, const Router& r, Metrics& m, Server* s)
      : options(std::move(o)), router(r), metrics(m), static_files(options.web_root), owner(s) {}

  // Copies what handlers need out of RESTinio's request.
  static Request Convert(const restinio::request_handle_t& req) {
    Request r;
    const auto& h = req->header();
    r.method = ParseMethod(h.method().c_str());
    r.target = std::string(h.request_target());
    r.path = PercentDecode(h.path(), false).value_or(std::string(h.path()));
    r.query = std::string(h.query());
    for (const auto& field : h) {
      std::string name(field.name());
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      r.headers.emplace_back(std::move(name), std::string(field.value()));
    }
    r.body = req->body();
    r.remote_address = req->remote_endpoint().address().to_string();
    return r;
  }

  std::size_t HeaderBytes(const Request& r) const {
    std::size_t n = r.target.size();
    for (const auto& [k, v] : r.headers) n += k.size() + v.size() + 4;
    return n;
  }

  // The client's address: the TCP peer, or behind a trusted proxy the last
  // address that proxy appended to X-Forwarded-For.
  std::string ClientAddress(const Request& request) const {
    const auto& proxies = options.trusted_proxies;
    if (std::find(proxies.begin(), proxies.end(), request.remote_address) == proxies.end()) {
      return request.remote_address;
    }
    std::string_view forwarded = request.Header("x-forwarded-for");
    const auto comma = forwarded.rfind(',');
    if (comma != std::string_view::npos) forwarded.remove_prefix(comma + 1);
    while (!forwarded.empty() && forwarded.front() == ' ') forwarded.remove_prefix(1);
    while (!forwarded.empty() && forwarded.back() == ' ') forwarded.remove_suffix(1);
    return forwarded.empty() ? request.remote_address : std::string(forwarded);
  }

  // Runs on a worker thread.
  Response Dispatch(Request& request) {
    if (HeaderBytes(request) > static_cast<std::size_t>(options.max_header_bytes)) {
      return TransportProblem(request, 431, "header_too_large");
    }
    auto match = router.Find(request.method, request.path);
    const std::int64_t body_limit =
        match.route && match.route->max_body_bytes > 0 ? match.route->max_body_bytes : options.max_body_bytes;
    if (request.body.size() > static_cast<std::size_t>(body_limit)) {
      return TransportProblem(request, 413, "payload_too_large");
    }
    if (match.route) {
      request.route = match.route->pattern;
      request.path_params = std::move(match.params);
      try {
        auto result = match.route->handler(request);
        if (result) return std::move(*result);
        if (result.error().code() == ErrorCode::kInternal || result.error().code() == ErrorCode::kUnavailable) {
          LogEvent(LogLevel::kError, "request failed",
                   {{"request_id", request.request_id}, {"code", std::string(ToString(result.error().code()))},
                    {"error", result.error().message()}});
        }
        return ProblemResponse(request, result.error());
      } catch (const std::exception& e) {
        LogEvent(LogLevel::kError, "handler threw", {{"request_id", request.request_id}, {"error", e.what()}});
        return ProblemResponse(request, Error::Internal(e.what()));
      }
    }
    if (!match.allowed.empty()) {
      request.route = "unmatched";
      std::string allow;
      for (auto m : match.allowed) allow += (allow.empty() ? "" : ", ") + std::string(ToString(m));
      auto r = TransportProblem(request, 405, "method_not_allowed");
      r.Header("Allow", allow);
      return r;
    }
    if ((request.method == Method::kGet || request.method == Method::kHead) && !options.web_root.empty()) {
      if (auto file = static_files.Serve(request)) {
        request.route = "static";
        return std::move(*file);
      }
    }
    request.route = "unmatched";
    return TransportProblem(request, 404, "not_found");
  }

  void AddStandardHeaders(Response& r, const Request& request) const {
    r.Header("X-Request-Id", request.request_id);
    r.Header("Content-Security-Policy", kContentSecurityPolicy);
    r.Header("X-Content-Type-Options", "nosniff");
    r.Header("X-Frame-Options", "DENY");
    r.Header("Referrer-Policy", "same-origin");
    r.Header("Cross-Origin-Opener-Policy", "same-origin");
    r.Header("Permissions-Policy", "camera=(self), microphone=(), geolocation=()");
    if (options.strict_transport) r.Header("Strict-Transport-Security", "max-age=31536000");
    if (!r.HasHeader("Cache-Control")) r.Header("Cache-Control", "no-store");
  }

  void Write(const restinio::request_handle_t& req, const Request& request, Response response,
             std::chrono::steady_clock::time_point start) {
    AddStandardHeaders(response, request);
    const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    metrics.Observe(std::string(ToString(request.method)), request.route.empty() ? "unmatched" : request.route,
                    response.status, seconds);
    LogEvent(LogLevel::kInfo, "request",
             {{"request_id", request.request_id},
              {"method", std::string(ToString(request.method))},
              {"path", request.path},
              {"route", request.route},
              {"status", std::to_string(response.status)},
              {"duration_ms", std::to_string(seconds * 1000.0)},
              {"bytes", std::to_string(response.body.size())},
              {"remote", request.remote_address}});
    auto on_written = [owner = owner](const restinio::asio_ns::error_code&) { --owner->in_flight_; };
    const restinio::http_status_line_t line{restinio::http_status_code_t{static_cast<std::uint16_t>(response.status)},
                                            ReasonPhrase(response.status)};
    try {
      if (request.method == Method::kHead) {
        auto rb = req->create_response<restinio::user_controlled_output_t>(line);
        for (auto& [k, v] : response.headers) rb.append_header(k, v);
        rb.set_content_length(response.body.size());
        rb.done(on_written);
      } else {
        auto rb = req->create_response(line);
        for (auto& [k, v] : response.headers) rb.append_header(k, v);
        rb.set_body(std::move(response.body));
        rb.done(on_written);
      }
    } catch (const std::exception& e) {
      --owner->in_flight_;
      LogEvent(LogLevel::kWarn, "response not written", {{"request_id", request.request_id}, {"error", e.what()}});
    }
  }

  restinio::request_handling_status_t OnRequest(restinio::request_handle_t req) {
    const auto start = std::chrono::steady_clock::now();
    ++owner->in_flight_;
    auto handle = [this, req, start] {
      Request request = Convert(req);
      auto incoming_id = request.Header("x-request-id");
      request.request_id = ValidRequestId(incoming_id) ? std::string(incoming_id) : NewId(std::chrono::system_clock::now());
      request.locale = i18n::FromAcceptLanguage(request.Header("accept-language"));
      request.remote_address = ClientAddress(request);
      Response response = Dispatch(request);
      Write(req, request, std::move(response), start);
    };
    if (!pool->TryPost(handle)) {
      // Overloaded: answer at once on the I/O thread, without touching the database.
      Request request = Convert(req);
      request.request_id = NewId(std::chrono::system_clock::now());
      request.locale = i18n::FromAcceptLanguage(request.Header("accept-language"));
      request.route = "overloaded";
      auto r = TransportProblem(request, 503, "overloaded");
      r.Header("Retry-After", "1");
      Write(req, request, std::move(r), start);
    }
    return restinio::request_accepted();
  }
};

Server::Server(ServerOptions options, const Router& router, Metrics& metrics)
    : impl_(std::make_unique<Impl>(std::move(options), router, metrics, this)) {}

Server::~Server() { Stop(std::chrono::milliseconds(0)); }

Result<void> Server::Start() {
  auto& o = impl_->options;
  impl_->pool = std::make_unique<WorkerPool>(o.workers, static_cast<std::size_t>(o.max_queue));
  const auto field_cap = static_cast<std::size_t>(o.max_header_bytes) * 4;
  AnsweringSocket::ReadLimitMs() = o.request_timeout_ms;
  restinio::server_settings_t<Traits> settings;
  settings.address(o.host)
      .port(o.port)
      .request_handler([impl = impl_.get()](restinio::request_handle_t req) { return impl->OnRequest(std::move(req)); })
      .read_next_http_message_timelimit(std::chrono::milliseconds(o.request_timeout_ms))
      .write_http_response_timelimit(std::chrono::milliseconds(o.request_timeout_ms))
      .handle_request_timeout(std::chrono::milliseconds(o.request_timeout_ms))
      .max_parallel_connections(static_cast<std::size_t>(o.max_connections))
      .incoming_http_msg_limits(restinio::incoming_http_msg_limits_t{}
                                    .max_url_size(field_cap)
                                    .max_field_name_size(field_cap)
                                    .max_field_value_size(field_cap)
                                    .max_field_count(512)
                                    .max_body_size(static_cast<std::uint64_t>(
                                        std::max(o.max_body_bytes * 2, impl_->router.LargestBodyLimit() + 1))))
      .acceptor_post_bind_hook([this](restinio::asio_ns::ip::tcp::acceptor& acceptor) {
        bound_port_ = acceptor.local_endpoint().port();
      });
  try {
    impl_->server = std::make_unique<RestinioServer>(restinio::own_io_context(), std::move(settings));
    impl_->server->open_sync();
  } catch (const std::exception& e) {
    impl_->server.reset();
    return Error::Unavailable("cannot listen on " + o.host + ":" + std::to_string(o.port) + ": " + e.what());
  }
  for (int i = 0; i < o.io_threads; ++i) {
    impl_->io_threads.emplace_back([this] {
      for (;;) {
        try {
          impl_->server->io_context().run();
          return;
        } catch (const std::exception& e) {
          LogEvent(LogLevel::kError, "I/O thread error", {{"error", e.what()}});
        }
      }
    });
  }
  return Ok();
}

void Server::Stop(std::chrono::milliseconds grace) {
  if (!impl_->server || impl_->stopped.exchange(true)) return;
  std::promise<void> closed;
  impl_->server->close_async([&] { closed.set_value(); }, [&](std::exception_ptr) { closed.set_value(); });
  closed.get_future().wait();
  const auto deadline = std::chrono::steady_clock::now() + grace;
  while (in_flight_.load() > 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  impl_->server->io_context().stop();
  for (auto& t : impl_->io_threads) t.join();
  impl_->io_threads.clear();
  impl_->pool.reset();
}

std::size_t Server::queued() const { return impl_->pool ? impl_->pool->queued() : 0; }
int Server::busy_workers() const { return impl_->pool ? impl_->pool->busy() : 0; }
int Server::workers() const { return impl_->pool ? impl_->pool->size() : 0; }

}  // namespace cohort::http
