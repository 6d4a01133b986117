/* cxx_asio_ok: asio used the asynchronous way: handlers that only start the
 * next asynchronous operation, and synchronous calls made in main before
 * io_context::run (a resolve and a connect at startup) are fine. */
#include <asio.hpp>

using asio::ip::tcp;

static char buf[64];

static void on_read(tcp::socket &sock, const asio::error_code &ec, std::size_t n) {
  if (ec || n == 0) return;
  sock.async_read_some(asio::buffer(buf), [&sock](const asio::error_code &e, std::size_t m) {
    on_read(sock, e, m);
  });
}

int main() {
  asio::io_context io;
  tcp::resolver resolver(io);
  auto eps = resolver.resolve("localhost", "8080"); // no-warning: before the loop runs
  tcp::socket sock(io);
  asio::connect(sock, eps); // no-warning
  sock.async_read_some(asio::buffer(buf), [&sock](const asio::error_code &e, std::size_t m) {
    on_read(sock, e, m);
  });
  io.run();
}
