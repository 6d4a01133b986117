/* rtest.c: helpers of the report-writer tests (see rtest.h). */
#define _GNU_SOURCE
#include "rtest.h"

#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static char *xstrdup(const char *s) {
  if (!s) return NULL;
  char *d = strdup(s);
  if (!d) abort();
  return d;
}

static void *xrealloc(void *p, size_t n) {
  p = realloc(p, n);
  if (!p) abort();
  return p;
}

/* ---- reports --------------------------------------------------------------- */

static const char *crypto_tags[] = {"performance", "event-loop", "crypto"};
static const char *sleep_tags[] = {"performance", "event-loop"};

static const ls_rule_info test_rules[] = {
    {"sync-crypto", "SynchronousCrypto", "Synchronous key derivation or hashing on the loop",
     "Password hashing and key derivation are slow on purpose; on the loop thread they stop "
     "every other callback.",
     "Run PBKDF2, bcrypt or scrypt on a worker (tl_pbkdf2, uv_queue_work).",
     "Run key derivation on a worker:\n\n```c\ntl_pbkdf2(loop, pw, salt, 100000, on_key);\n```",
     "warning", "high", "error", crypto_tags, 3},
    {"sleep", "Sleep", "Sleeping on the loop thread", "sleep() stops the loop for its whole duration.",
     "Use a timer instead of sleep().", "Use a timer:\n\n```c\ntl_set_timeout(loop, cb, 1000);\n```",
     "error", "high", "error", sleep_tags, 2},
    {"sync-fs", "SynchronousFileIo", "Synchronous file I/O on the loop", "File I/O can block.",
     "Use the async file API.", "Use `tl_fs_read`.", "warning", "medium", "warning", NULL, 0},
};

ls_report *rt_report_new(const char *srcroot) {
  ls_report *r = calloc(1, sizeof *r);
  if (!r) abort();
  r->srcroot = xstrdup(srcroot);
  r->tool_version = LAGSCAN_VERSION;
  r->command_line = xstrdup("lagscan scan -p build --format sarif");
  r->start_time = 1714564800; /* 2024-05-01T12:00:00Z */
  r->end_time = 1714564803;
  r->nrules = sizeof test_rules / sizeof test_rules[0];
  r->rules = malloc(sizeof test_rules);
  if (!r->rules) abort();
  memcpy(r->rules, test_rules, sizeof test_rules);
  return r;
}

void rt_report_free(ls_report *r) {
  ls_report_free(r);
  free(r);
}

ls_finding *rt_finding(ls_report *r, const char *rule, const char *path, unsigned line,
                       unsigned col, const char *message, const char *callee,
                       const char *function, const char *root) {
  /* Capacity doubles at powers of two (big reports are built here). */
  size_t n = r->nfindings;
  if (n == 0 || (n & (n - 1)) == 0)
    r->findings = xrealloc(r->findings, (n ? 2 * n : 1) * sizeof *r->findings);
  ls_finding *f = &r->findings[r->nfindings++];
  memset(f, 0, sizeof *f);
  f->rule_id = xstrdup(rule);
  f->loc = (ls_location){xstrdup(path), line, col, line, col ? col + 1 : 0};
  f->message = xstrdup(message);
  f->callee = xstrdup(callee);
  f->function = xstrdup(function);
  f->root = xstrdup(root);
  /* A stable, obviously fake fingerprint derived from the position. */
  snprintf(f->fingerprint, sizeof f->fingerprint, "%064zx", r->nfindings);
  return f;
}

void rt_step(ls_finding *f, ls_step_kind kind, const char *path, unsigned line, unsigned col,
             const char *function, const char *message) {
  f->steps = xrealloc(f->steps, (f->nsteps + 1) * sizeof *f->steps);
  f->steps[f->nsteps++] = (ls_step){.kind = kind,
                                    .loc = {xstrdup(path), line, col, line, col ? col + 1 : 0},
                                    .function = xstrdup(function),
                                    .message = xstrdup(message)};
}

void rt_registration(ls_finding *f, const char *path, unsigned line, unsigned col,
                     const char *function, const char *root, const char *api,
                     const char *message) {
  rt_step(f, LS_STEP_REGISTRATION, path, line, col, function, message);
  ls_step *s = &f->steps[f->nsteps - 1];
  s->callee = xstrdup(root);
  s->api = xstrdup(api);
  s->context = LS_CTX_LOOP;
}

void rt_related(ls_finding *f, const char *path, unsigned line, unsigned col, const char *root,
                const char *message) {
  f->related = xrealloc(f->related, (f->nrelated + 1) * sizeof *f->related);
  f->related[f->nrelated++] = (ls_related){{xstrdup(path), line, col, 0, 0}, xstrdup(root),
                                           NULL, LS_CTX_LOOP, xstrdup(message)};
}

void rt_note(ls_report *r, const char *path, const char *message, int fatal) {
  r->notes = xrealloc(r->notes, (r->nnotes + 1) * sizeof *r->notes);
  r->notes[r->nnotes++] = (ls_notification){xstrdup(path), xstrdup(message), fatal};
}

static const char api_c[] =
    "#include <openssl/evp.h>\n"                                           /* 1 */
    "#include \"tickloop.h\"\n"                                            /* 2 */
    "\n"                                                                   /* 3 */
    "static int hash_password(const char *pw, unsigned char *out) {\n"     /* 4 */
    "  static const unsigned char salt[16];\n"                             /* 5 */
    "  /* The cost is what protects the password, and what blocks. */\n"  /* 6 */
    "  int iterations = 100000;\n"                                         /* 7 */
    "  const EVP_MD *md = EVP_sha256();\n"                                 /* 8 */
    "  size_t n = strlen(pw);\n"                                           /* 9 */
    "  int ok;\n"                                                          /* 10 */
    "  /* derive */\n"                                                     /* 11 */
    "    PKCS5_PBKDF2_HMAC(pw, (int)n, salt, 16, iterations, md, 32, out);\n" /* 12 */
    "  return ok;\n"                                                       /* 13 */
    "}\n"                                                                  /* 14 */
    "\n"                                                                   /* 15 */
    "void on_register(tl_http_req *req) {\n"                               /* 16 */
    "  unsigned char key[32];\n"                                           /* 17 */
    "  const char *pw = req->body;\n"                                      /* 18 */
    "  /* & < > in source must be escaped */\n"                            /* 19 */
    "  if (req) hash_password(pw, key);\n"                                 /* 20 */
    "}\n";                                                                 /* 21 */

static const char main_c[] =
    "#include \"tickloop.h\"\n"
    "int main(void) {\n"
    "  tl_loop *loop = tl_loop_new();\n"
    "  tl_http_route(loop, \"/register\", on_register);\n"
    "  tl_http_route(loop, \"/login\", on_login);\n"
    "  return tl_run(loop);\n"
    "}\n";

ls_report *rt_sample(void) {
  const char *dir = rt_tmpdir();
  free(rt_write_file(dir, "src/api.c", api_c));
  /* main.c's registrations are on lines 40 and 41 of the report: pad it. */
  char padded[4096] = "";
  for (int i = 0; i < 36; i++) strcat(padded, "/* padding */\n");
  strcat(padded, main_c);
  free(rt_write_file(dir, "src/main.c", padded));

  ls_report *r = rt_report_new(dir);
  r->tus_total = 3;
  r->tus_parsed = 2;
  r->tus_failed = 1;
  ls_finding *f = rt_finding(r, "sync-crypto", "src/api.c", 12, 5, RT_MSG_CRYPTO,
                             "PKCS5_PBKDF2_HMAC", "hash_password", "on_register");
  f->loc.end_col = 70; /* the whole call */
  rt_registration(f, "src/main.c", 40, 3, "main", "on_register", "tl_http_route",
                  "'on_register' registered here as a loop callback (tl_http_route)");
  rt_step(f, LS_STEP_CALL, "src/api.c", 20, 12, "on_register",
          "function 'hash_password' called here from 'on_register'");
  rt_step(f, LS_STEP_BLOCKING, "src/api.c", 12, 5, "hash_password", RT_MSG_CRYPTO);
  f->steps[2].loc.end_col = 70;
  rt_related(f, "src/main.c", 41, 3, "on_login",
             "'on_login' (a loop callback registered here with tl_http_route) also reaches "
             "this call");

  f = rt_finding(r, "sleep", "src/timer.c", 5, 3, RT_MSG_SLEEP, "sleep", "on_tick", "on_tick");
  rt_registration(f, NULL, 0, 0, NULL, "on_tick", "timer_table",
                  "'on_tick' registered here as a loop callback (timer_table)");
  rt_step(f, LS_STEP_BLOCKING, "src/timer.c", 5, 3, "on_tick", RT_MSG_SLEEP);

  rt_note(r, "/elsewhere/broken.c", "libclang crashed", 1);
  return r;
}

/* ---- files ---------------------------------------------------------------- */

static char **tmpdirs;
static size_t ntmpdirs;

static void remove_tmpdirs(void) {
  for (size_t i = 0; i < ntmpdirs; i++) {
    chmod(tmpdirs[i], 0700);
    char *argv[] = {"rm", "-rf", tmpdirs[i], NULL};
    pid_t pid = fork();
    if (pid == 0) {
      execvp("rm", argv);
      _exit(127);
    }
    if (pid > 0) waitpid(pid, NULL, 0);
    free(tmpdirs[i]);
  }
  free(tmpdirs);
}

const char *rt_tmpdir(void) {
  char tmpl[] = "/tmp/lagscan-reports-XXXXXX";
  if (!mkdtemp(tmpl)) abort();
  if (ntmpdirs == 0) atexit(remove_tmpdirs);
  tmpdirs = xrealloc(tmpdirs, (ntmpdirs + 1) * sizeof *tmpdirs);
  tmpdirs[ntmpdirs++] = xstrdup(tmpl);
  return tmpdirs[ntmpdirs - 1];
}

char *rt_write_file(const char *dir, const char *name, const char *text) {
  char *path;
  if (asprintf(&path, "%s/%s", dir, name) < 0) abort();
  for (char *p = path + strlen(dir) + 1; (p = strchr(p, '/')); p++) {
    *p = '\0';
    mkdir(path, 0700);
    *p = '/';
  }
  FILE *f = fopen(path, "w");
  if (!f) abort();
  fputs(text, f);
  fclose(f);
  return path;
}

char *rt_read_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  size_t cap = 4096, len = 0;
  char *s = malloc(cap);
  if (!s) abort();
  size_t n;
  while ((n = fread(s + len, 1, cap - len - 1, f)) > 0) {
    len += n;
    if (len + 1 == cap) s = xrealloc(s, cap *= 2);
  }
  fclose(f);
  s[len] = '\0';
  return s;
}

int rt_count_entries(const char *dir) {
  DIR *d = opendir(dir);
  if (!d) return -1;
  int n = 0;
  struct dirent *e;
  while ((e = readdir(d)))
    if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) n++;
  closedir(d);
  return n;
}

int rt_have(const char *path) { return access(path, X_OK) == 0; }

int rt_run(char *const argv[], const char *out_path, const char *err_path, int timeout_s) {
  fflush(NULL);
  pid_t pid = fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    int out = open(out_path ? out_path : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int err = open(err_path ? err_path : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int in = open("/dev/null", O_RDONLY);
    if (out < 0 || err < 0 || in < 0) _exit(126);
    dup2(in, 0);
    dup2(out, 1);
    dup2(err, 2);
    execv(argv[0], argv);
    _exit(127);
  }
  int st;
  struct timespec tick = {0, 50 * 1000 * 1000};
  for (long waited = 0;; waited += 50) {
    pid_t w = waitpid(pid, &st, WNOHANG);
    if (w == pid) break;
    if (w < 0 && errno != EINTR) return -1;
    if (waited >= (long)timeout_s * 1000) {
      kill(pid, SIGKILL);
      waitpid(pid, &st, 0);
      break;
    }
    nanosleep(&tick, NULL);
  }
  if (WIFEXITED(st)) return WEXITSTATUS(st);
  return 128 + WTERMSIG(st);
}

size_t rt_lines(const char *text, char ***lines) {
  size_t n = 0;
  *lines = NULL;
  for (const char *p = text; *p;) {
    const char *eol = strchr(p, '\n');
    size_t len = eol ? (size_t)(eol - p) : strlen(p);
    *lines = xrealloc(*lines, (n + 1) * sizeof **lines);
    (*lines)[n++] = strndup(p, len);
    p += len + (eol ? 1 : 0);
  }
  return n;
}

void rt_lines_free(char **lines, size_t n) {
  for (size_t i = 0; i < n; i++) free(lines[i]);
  free(lines);
}

int rt_python_json_valid(const char *path, int lines) {
  if (!rt_have("/usr/bin/python3")) return -1;
  char *argv[] = {"/usr/bin/python3", "-c",
                  lines ? "import json,sys\n"
                          "for l in open(sys.argv[1], encoding='utf-8'): json.loads(l)\n"
                        : "import json,sys\njson.load(open(sys.argv[1], encoding='utf-8'))\n",
                  (char *)path, NULL};
  return rt_run(argv, NULL, NULL, 120) == 0;
}

void rt_skip(const char *what) { fprintf(stderr, "\n    SKIPPED: %s\n", what); }
