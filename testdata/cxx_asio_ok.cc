/* cxx_asio_ok: asio used the asynchronous way: handlers that only start the
 * next asynchronous operation, and synchronous calls made in main before
 * io_context::run (a resolve and a connect at startup) are fine, and so is
 * blocking work posted to an asio::thread_pool from a handler (it runs on
 * the pool's threads). */
#include <asio.hpp>
#include <cstdio>

using asio::ip::tcp;

static char buf[64];
static asio::thread_pool pool(2);

static void compress_log(void) {
  FILE *f = fopen("/var/log/app.log", "r"); // no-warning: on the thread pool
  if (f) fclose(f);
}

static void on_read(tcp::socket &sock, const asio::error_code &ec, std::size_t n) {
  if (ec || n == 0) return;
  asio::post(pool, [] { compress_log(); });
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
