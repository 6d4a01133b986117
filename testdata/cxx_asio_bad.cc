/* cxx_asio_bad: asio (pack asio, <asio.hpp> from libasio-dev): completion
 * handlers run on the thread that calls io_context::run, the loop: a
 * function given to asio::async_read, lambdas given to a timer's async_wait
 * and a socket's async_read_some, a lambda posted with asio::post; in a
 * handler, a synchronous read_some on a socket and a resolver's resolve
 * block too. */
#include <asio.hpp>
#include <unistd.h>

using asio::ip::tcp;

static void on_read(const asio::error_code &ec, std::size_t n) {
  (void)ec; (void)n;
  usleep(1); // expected-warning {{sleep}}
}

class Session {
 public:
  explicit Session(asio::io_context &io) : sock_(io), timer_(io), resolver_(io) {}
  void start() {
    asio::async_read(sock_, asio::buffer(buf_), on_read); // expected-note {{'on_read' registered here as a loop callback (asio::async_read)}}
    timer_.async_wait([this](const asio::error_code &) { // expected-note {{registered here as a loop callback (asio::basic_waitable_timer::async_wait)}}
      sleep(2); // expected-warning {{sleep}}
      char more[8];
      sock_.read_some(asio::buffer(more)); // expected-warning {{sync-net}}
      auto r = resolver_.resolve("example.com", "80"); // expected-warning {{sync-dns}}
      (void)r;
    });
    sock_.async_read_some(asio::buffer(buf_), [](const asio::error_code &, std::size_t) { // expected-note {{registered here as a loop callback (asio::basic_stream_socket::async_read_some)}}
      usleep(3); // expected-warning {{sleep}}
    });
  }

 private:
  tcp::socket sock_;
  asio::steady_timer timer_;
  tcp::resolver resolver_;
  char buf_[64];
};

int main() {
  asio::io_context io;
  Session s(io);
  s.start();
  asio::post(io, [] { usleep(4); }); // expected-warning {{sleep}} expected-note {{registered here as a loop callback (asio::post)}}
  io.run();
}
