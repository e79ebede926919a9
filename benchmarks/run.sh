#!/usr/bin/env bash
# The benchmark suite in one command: builds the benchmarks jar, generates the synthetic models
# that are missing (models/synthetic/), runs the JMH benchmarks, runs llama-bench on the same
# files and threads if it is on the PATH (never downloaded or built here), measures llmux on the
# bundled library and a host build beside each build's llama-bench, and N clients against
# llama-server (each skipped, with its reason in the report, when absent), and writes
# bench-results/<date>.json, bench-results/<date>.md and bench-results/latest.md.
#
#   benchmarks/run.sh            full run (well under 30 minutes on 2 cores)
#   benchmarks/run.sh --quick    tiny and 0.5B decode, tiny overhead, router (a few minutes)
#   benchmarks/run.sh --help     every option; JMH options pass through (-p api=LLMUX, a regex)
#
# Environment: MVN_ARGS (extra Maven arguments, e.g. -o), BENCH_SKIP_BUILD=1 (reuse the jar),
# BENCH_JAVA_OPTS (JVM options of the runner; forks inherit them), LLMUX_NATIVE_PATH (a
# host-tuned libjllama.so instead of the bundled AVX2 build).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
jar="benchmarks/target/benchmarks.jar"
if [ "${BENCH_SKIP_BUILD:-0}" != "1" ] || [ ! -f "$jar" ]; then
  # shellcheck disable=SC2086
  ./mvnw -q ${MVN_ARGS:-} -DskipTests -pl benchmarks -am package
fi
java_cmd="java"
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
  java_cmd="$JAVA_HOME/bin/java"
fi
# shellcheck disable=SC2086
exec "$java_cmd" ${BENCH_JAVA_OPTS:-} -cp "$jar" dev.llmux.benchmarks.Suite "$@"
