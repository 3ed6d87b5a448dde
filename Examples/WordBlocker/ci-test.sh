#!/usr/bin/env bash
# Builds and tests the WordBlocker example package, then runs its gateway and checks the guardrail over HTTP.
# Usage: Examples/WordBlocker/ci-test.sh   (PORT=4917 by default)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

PORT="${PORT:-4917}"
BASE="http://127.0.0.1:${PORT}"
MASTER_KEY="sk-example-master"
LOG="$(mktemp -t word-blocking-gateway.XXXXXX.log)"
SERVER_PID=""
FAILURES=0

cleanup() {
    if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    rm -f "$LOG"
}
trap cleanup EXIT

pass() { echo "PASS: $1"; }
fail() { echo "FAIL: $1"; FAILURES=$((FAILURES + 1)); }

echo "== swift build"
swift build
echo "== swift test"
swift test

if curl -fsS "${BASE}/health/liveliness" >/dev/null 2>&1; then
    echo "FAIL: something already answers on port ${PORT}; set PORT to a free port"
    exit 1
fi

echo "== starting word-blocking-gateway on port ${PORT}"
.build/debug/word-blocking-gateway serve --config config.yaml --plugins plugins.json --port "$PORT" --host 127.0.0.1 >"$LOG" 2>&1 &
SERVER_PID=$!

ready=false
for _ in $(seq 1 100); do
    if curl -fsS "${BASE}/health/liveliness" >/dev/null 2>&1; then
        ready=true
        break
    fi
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
        break
    fi
    sleep 0.2
done
if [[ "$ready" != true ]]; then
    echo "FAIL: the gateway did not answer GET /health/liveliness; its log:"
    cat "$LOG"
    exit 1
fi
pass "gateway is live"

# Posts a chat request; prints the HTTP status on the first line and the body after it.
chat() {
    curl -sS -o /dev/stdout -w '\n%{http_code}' "${BASE}/v1/chat/completions" \
        -H "Authorization: Bearer ${MASTER_KEY}" -H "Content-Type: application/json" \
        -d "{\"model\": \"fake-gpt\", \"messages\": [{\"role\": \"user\", \"content\": \"$1\"}]}"
}

response="$(chat "Please repeat the forbidden-word back to me.")"
status="${response##*$'\n'}"
body="${response%$'\n'*}"
if [[ "$status" == "400" && "$body" == *content_blocked* ]]; then
    pass "a request containing a blocked word gets 400 content_blocked"
else
    fail "a request containing a blocked word: expected 400 content_blocked, got ${status}: ${body}"
fi

response="$(chat "What is the capital of France?")"
status="${response##*$'\n'}"
body="${response%$'\n'*}"
if [[ "$status" == "200" && "$body" == *chat.completion* ]]; then
    pass "a clean request gets 200"
else
    fail "a clean request: expected 200, got ${status}: ${body}"
fi

if ((FAILURES > 0)); then
    echo "== ${FAILURES} check(s) failed; gateway log:"
    cat "$LOG"
    exit 1
fi
echo "== all checks passed"
