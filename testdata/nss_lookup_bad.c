/* nss_lookup_bad: user and group lookups go through NSS, which can ask LDAP
 * or SSSD over the network; on the loop thread they are sync-dns. A
 * getnameinfo that asks for the numeric host does no DNS and is not
 * reported; one that asks for the name is. */
#include <grp.h>
#include <netdb.h>
#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>
#include <uv.h>

static struct sockaddr_storage peer;

static void on_connection(uv_stream_t *server, int status) {
  (void)server;
  (void)status;
  struct passwd *pw = getpwuid(getuid()); // expected-warning {{sync-dns}}
  struct group *gr = getgrnam("staff"); // expected-warning {{sync-dns}}
  (void)pw;
  (void)gr;
  char host[64], serv[16];
  getnameinfo((struct sockaddr *)&peer, sizeof peer, host, sizeof host, serv, sizeof serv,
              NI_NUMERICHOST | NI_NUMERICSERV); // no-warning
  getnameinfo((struct sockaddr *)&peer, sizeof peer, host, sizeof host, serv, sizeof serv,
              0); // expected-warning@-1 {{sync-dns}}
}

int main(void) {
  uv_tcp_t server;
  uv_tcp_init(uv_default_loop(), &server);
  uv_listen((uv_stream_t *)&server, 128, on_connection); // expected-note {{registered here as a loop callback}}
  return uv_run(uv_default_loop(), UV_RUN_DEFAULT);
}
