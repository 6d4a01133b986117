/* clirun.h: what the tests of the `lagscan` command share: running the real
 * binary (or a shell command) in a directory and capturing what it prints,
 * and making files in the test's temporary tree. */
#ifndef LAGSCAN_TESTS_CLIRUN_H
#define LAGSCAN_TESTS_CLIRUN_H

extern const char *lagscan; /* the binary under test */
extern const char *srcdir;  /* the source tree */
extern char tmp[];          /* the test's temporary directory */

typedef struct result {
  int status; /* exit status, 128 if killed */
  char *out, *err;
} result;

/* Runs `lagscan ARGS` in `dir` through the shell, stdin from /dev/null. */
result run(const char *dir, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Runs a shell command in `dir`, the same way. */
result sh(const char *dir, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void done(result *r);

char *slurp(const char *path);                         /* "" if unreadable */
char *path_in(const char *dir, const char *name);      /* heap "dir/name" */
char *make_dir(const char *name);                      /* tmp/name */
void write_file(const char *dir, const char *name, const char *text);
/* git with a test identity, for commits in the tests' repositories. */
#define CLI_GIT "git -c user.name=lagscan-test -c user.email=test@example.invalid"
/* tmp/NAME: a git repository with src/main.c and src/work.c (the texts
 * given), build/compile_commands.json compiling both, a .gitignore when
 * `gitignore` is not NULL, and one commit. Returns the directory (heap). */
char *make_git_project(const char *name, const char *main_c, const char *work_c,
                       const char *gitignore);

/* A libuv timer callback that sleeps (a [sleep] finding at 3:48), and one
 * that does not. */
extern const char blocking_src[];
extern const char clean_src[];

/* The main of a test program: takes LAGSCAN SRCDIR [SUITE] from argv,
 * makes `tmp`, registers the suites with `add_suites`, runs them all (or the
 * one named SUITE), removes `tmp`, and returns 0, 1 on a failure, 2 on a
 * usage error. `program` names the executable in messages. */
int clirun_main(int argc, char **argv, const char *program, void (*add_suites)(void));

/* The suites of the other files. */
void add_history_tests(void);
void add_hook_tests(void);
void add_gate_tests(void); /* test_gate.c */
void add_root_tests(void); /* test_root.c */
void add_outputs_tests(void); /* test_outputs.c */
void add_packs_tests(void); /* test_packs.c */
void add_dispatch_tests(void); /* test_dispatch.c */
void add_programs_tests(void); /* test_programs.c */

#endif /* LAGSCAN_TESTS_CLIRUN_H */
