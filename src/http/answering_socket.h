#pragma once
// Included only by server.cc (it needs RESTinio's Asio).
//
// RESTinio 0.6 closes a connection silently when a request is not read in
// time or cannot be parsed. This socket wrapper notices when it is being
// closed while a request is half received and answers first, so the client
// learns why: 408 Request Timeout when the request took longer than the
// read time limit, 400 Bad Request otherwise (unparseable or oversized
// input). Everything else passes straight through to the TCP socket.
#include <restinio/asio_include.hpp>
#include <restinio/tls_fwd.hpp>

#include <atomic>
#include <chrono>
#include <string_view>

#include <sys/socket.h>

namespace cohort::http {

class AnsweringSocket {
 public:
  using socket_t = restinio::asio_ns::ip::tcp::socket;
  using executor_type = socket_t::executor_type;

  // The read time limit the server was started with (one server per process).
  static std::atomic<std::int64_t>& ReadLimitMs() {
    static std::atomic<std::int64_t> ms{30000};
    return ms;
  }

  explicit AnsweringSocket(restinio::asio_ns::io_context& io) : socket_(io) {}
  AnsweringSocket(AnsweringSocket&&) = default;
  AnsweringSocket& operator=(AnsweringSocket&&) = default;

  socket_t::lowest_layer_type& lowest_layer() { return socket_.lowest_layer(); }
  const socket_t::lowest_layer_type& lowest_layer() const { return socket_.lowest_layer(); }
  executor_type get_executor() { return socket_.get_executor(); }
  auto remote_endpoint() const { return socket_.remote_endpoint(); }
  bool is_open() const { return socket_.is_open(); }
  auto native_handle() { return socket_.native_handle(); }

  template <class... Args>
  void cancel(Args&&... args) {
    socket_.cancel(std::forward<Args>(args)...);
  }

  template <class Buffers, class Handler>
  auto async_read_some(const Buffers& buffers, Handler&& handler) {
    if (!reading_) {  // RESTinio starts its read time limit here too
      reading_ = true;
      waiting_since_ = std::chrono::steady_clock::now();
    }
    auto executor = restinio::asio_ns::get_associated_executor(handler, socket_.get_executor());
    return socket_.async_read_some(
        buffers, restinio::asio_ns::bind_executor(
                     executor, [this, h = std::forward<Handler>(handler)](const restinio::asio_ns::error_code& ec,
                                                                          std::size_t n) mutable {
                       if (!ec && n > 0) unanswered_bytes_ += n;
                       h(ec, n);
                     }));
  }

  template <class Buffers, class Handler>
  auto async_write_some(const Buffers& buffers, Handler&& handler) {
    // A response is going out: the request it answers was complete.
    unanswered_bytes_ = 0;
    reading_ = false;
    return socket_.async_write_some(buffers, std::forward<Handler>(handler));
  }

  template <class... Args>
  void shutdown(Args&&... args) {
    AnswerHalfReadRequest();
    socket_.shutdown(std::forward<Args>(args)...);
  }

  template <class... Args>
  void close(Args&&... args) {
    socket_.close(std::forward<Args>(args)...);
  }

 private:
  void AnswerHalfReadRequest() {
    if (unanswered_bytes_ == 0 || !socket_.is_open()) return;
    const auto waited = std::chrono::steady_clock::now() - waiting_since_;
    const bool timed_out = waited >= std::chrono::milliseconds(ReadLimitMs().load() * 9 / 10);
    constexpr std::string_view k408 =
        "HTTP/1.1 408 Request Timeout\r\nContent-Type: application/problem+json\r\nConnection: close\r\n"
        "Content-Length: 84\r\n\r\n"
        R"({"type":"urn:cohort:problem:request_timeout","title":"Request Timeout","status":408})";
    constexpr std::string_view k400 =
        "HTTP/1.1 400 Bad Request\r\nContent-Type: application/problem+json\r\nConnection: close\r\n"
        "Content-Length: 82\r\n\r\n"
        R"({"type":"urn:cohort:problem:malformed_request","title":"Bad Request","status":400})";
    const auto text = timed_out ? k408 : k400;
    // Best effort, never blocking: the socket is being closed anyway.
    (void)::send(socket_.native_handle(), text.data(), text.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
    unanswered_bytes_ = 0;
  }

  socket_t socket_;
  std::size_t unanswered_bytes_ = 0;
  bool reading_ = false;
  std::chrono::steady_clock::time_point waiting_since_ = std::chrono::steady_clock::now();
};

// RESTinio finds these by argument-dependent lookup, as for its own sockets.
template <class Connection, class StartRead, class Failed>
void prepare_connection_and_start_read(AnsweringSocket&, Connection&, StartRead start_read, Failed) {
  start_read();
}
inline restinio::tls_socket_t* make_tls_socket_pointer_for_state_listener(AnsweringSocket&) noexcept {
  return nullptr;
}

}  // namespace cohort::http
