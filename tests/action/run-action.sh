#!/usr/bin/env bash
# run-action.sh: runs the steps of the repository's GitHub Action
# (action.yml) locally, as a runner would, and checks what they produce.
# Usage: run-action.sh SRCDIR LAGSCAN_BUILD_DIR
#
# A small libuv CMake project is made in a temporary directory and
# configured with -DCMAKE_EXPORT_COMPILE_COMMANDS=ON (what a workflow does
# before the action). action.yml is parsed with PyYAML (Debian's
# python3-yaml, $PYTHON to override); each `run:` step is run in order with
# `bash --noprofile --norc -eo pipefail`, the runner's shell, in the
# project's directory, with ${{ inputs.* }} (the given value or the default),
# ${{ github.action_path }}, ${{ runner.temp }} and ${{ steps.ID.outputs.K }}
# substituted in its script and env, GITHUB_OUTPUT and GITHUB_ENV files read
# back after it as the runner does; any other expression is an error. The
# `uses:` step is not run: it must be github/codeql-action/upload-sarif with
# sarif_file set to the sarif input. Then the SARIF must be valid JSON with
# the expected `sleep` finding in main.c, and the action's findings output 1.
set -uo pipefail
src=$1
lagscan_build=$2
python=${PYTHON:-/usr/bin/python3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() {
  echo "action: FAILED: $*"
  exit 1
}
"$python" -c 'import yaml' 2>/dev/null \
  || fail "$python has no PyYAML (Debian package python3-yaml; scripts/install-deps.sh installs it)"

project=$tmp/project
mkdir -p "$project"
cat >"$project/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.16)
project(tiny C)
add_executable(tiny main.c)
target_link_libraries(tiny uv)
CMAKE
cat >"$project/main.c" <<'C'
#include <unistd.h>
#include <uv.h>

static void on_tick(uv_timer_t *timer) {
  (void)timer;
  sleep(1); /* blocks the loop: the finding the action must report */
}

int main(void) {
  uv_loop_t *loop = uv_default_loop();
  uv_timer_t timer;
  uv_timer_init(loop, &timer);
  uv_timer_start(&timer, on_tick, 0, 1000);
  return uv_run(loop, UV_RUN_DEFAULT);
}
C
cmake -S "$project" -B "$project/build" -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >"$tmp/configure.log" 2>&1 \
  || { cat "$tmp/configure.log"; fail "the test project does not configure"; }
[ -f "$project/build/compile_commands.json" ] || fail "no compile_commands.json"

cd "$project" || fail "cannot enter $project"
"$python" - "$src/action.yml" "$src" "$tmp" "$lagscan_build" <<'PY'
import json, os, re, subprocess, sys
import yaml

action_file, action_path, tmp, lagscan_build = sys.argv[1:5]

def die(msg):
    print("action: FAILED: " + msg)
    sys.exit(1)

with open(action_file) as f:
    action = yaml.safe_load(f)
runs = action.get("runs", {})
if runs.get("using") != "composite":
    die("runs.using is %r, want composite" % runs.get("using"))
inputs_decl = action.get("inputs", {})
for name in ("build-dir", "sarif", "args"):
    if name not in inputs_decl:
        die("no input %r" % name)
if "${{ steps.scan.outputs.findings }}" != action.get("outputs", {}).get("findings", {}).get("value"):
    die("the findings output is not steps.scan.outputs.findings")

given = {
    "build-dir": "build",
    "sarif": "out/lagscan.sarif",
    "args": "--db %s/lagscan.db -j 1" % tmp,
    "lagscan-build-dir": lagscan_build,
}
os.makedirs("out", exist_ok=True)
inputs = {k: str(v.get("default", "")) if v else "" for k, v in inputs_decl.items()}
inputs.update(given)
step_outputs = {}
env_file_vars = {}

EXPR = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")

def subst(text):
    def one(m):
        e = m.group(1)
        if e.startswith("inputs."):
            name = e[len("inputs."):]
            if name not in inputs:
                die("unknown input in %s" % m.group(0))
            return inputs[name]
        if e == "github.action_path":
            return action_path
        if e == "runner.temp":
            return tmp
        m2 = re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", e)
        if m2:
            return step_outputs.get(m2.group(1), {}).get(m2.group(2), "")
        die("an expression this test cannot evaluate: %s" % m.group(0))
    return EXPR.sub(one, str(text))

def read_kv(path):
    """A GITHUB_OUTPUT / GITHUB_ENV file: NAME=VALUE or NAME<<DELIM ... DELIM."""
    out = {}
    if not os.path.exists(path):
        return out
    lines = open(path).read().split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delim = line.split("<<", 1)
            j = lines.index(delim, i + 1)
            out[name] = "\n".join(lines[i + 1:j])
            i = j + 1
            continue
        if "=" in line:
            name, value = line.split("=", 1)
            out[name] = value
        i += 1
    return out

uploads = []
for n, step in enumerate(runs.get("steps", []), 1):
    name = step.get("name", "step %d" % n)
    if "uses" in step:
        uploads.append(step)
        print("action: step %d, %s: uses %s (not run here)" % (n, name, step["uses"]))
        continue
    if "run" not in step:
        die("step %d has neither run nor uses" % n)
    if step.get("shell") != "bash":
        die("step %d (%s): shell is %r; composite run steps need one, and it must be bash" % (n, name, step.get("shell")))
    if "if" in step:
        die("step %d (%s): this test cannot evaluate its if:" % (n, name))
    script = os.path.join(tmp, "step%d.sh" % n)
    with open(script, "w") as f:
        f.write(subst(step["run"]))
    out_file = os.path.join(tmp, "output%d" % n)
    env_file = os.path.join(tmp, "env%d" % n)
    open(out_file, "w").close()
    open(env_file, "w").close()
    env = dict(os.environ)
    env.update(env_file_vars)
    env.update({k: subst(v) for k, v in (step.get("env") or {}).items()})
    env.update({"GITHUB_OUTPUT": out_file, "GITHUB_ENV": env_file, "RUNNER_TEMP": tmp,
                "GITHUB_ACTION_PATH": action_path, "GITHUB_WORKSPACE": os.getcwd()})
    print("action: step %d, %s" % (n, name), flush=True)
    rc = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", script], env=env).returncode
    if rc != 0:
        die("step %d (%s) exited with %d" % (n, name, rc))
    if "id" in step:
        step_outputs[step["id"]] = read_kv(out_file)
    env_file_vars.update(read_kv(env_file))

if len(uploads) != 1:
    die("%d uses: steps, want the one upload" % len(uploads))
up = uploads[0]
if not up["uses"].startswith("github/codeql-action/upload-sarif@"):
    die("the uses: step is %r, want github/codeql-action/upload-sarif" % up["uses"])
if (up.get("with") or {}).get("sarif_file") != "${{ inputs.sarif }}":
    die("upload-sarif's sarif_file is %r, want ${{ inputs.sarif }}" % (up.get("with") or {}).get("sarif_file"))

scan = step_outputs.get("scan", {})
if scan.get("exit-status") != "1":
    die("lagscan's exit status is %r, want 1 (findings)" % scan.get("exit-status"))
if scan.get("findings") != "1":
    die("the findings output is %r, want 1" % scan.get("findings"))
if not os.path.exists(os.path.join(tmp, "lagscan.db")):
    die("the args input (--db) did not reach lagscan")
try:
    log = json.load(open(given["sarif"]))
except (OSError, ValueError) as e:
    die("the SARIF report is missing or not JSON: %s" % e)
if log.get("version") != "2.1.0":
    die("SARIF version %r" % log.get("version"))
results = log["runs"][0].get("results", [])
hits = [r for r in results if r.get("ruleId") == "sleep" and
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("main.c")]
if len(results) != 1 or len(hits) != 1:
    die("results %s, want one sleep finding in main.c" % [(r.get("ruleId"), r.get("message", {}).get("text")) for r in results])
print("action: every run: step passed; SARIF valid with the sleep finding in main.c; findings=1")
PY
