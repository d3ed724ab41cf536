-- SPDX-License-Identifier: GPL-3.0-or-later
-- wrk script: a non-streaming Anthropic /v1/messages call with the key from BENCH_KEY. The body
-- is a one-line prompt, or the contents of the file BENCH_BODY_FILE when that is set.
wrk.method = "POST"
wrk.path = "/v1/messages"
wrk.body = '{"model":"claude-sonnet-4-20250514","max_tokens":64,' ..
           '"messages":[{"role":"user","content":"benchmark hello"}]}'
local file = os.getenv("BENCH_BODY_FILE")
if file and file ~= "" then
    local f = assert(io.open(file, "rb"))
    wrk.body = f:read("*a")
    f:close()
end
wrk.headers["Content-Type"] = "application/json"
wrk.headers["anthropic-version"] = "2023-06-01"
wrk.headers["x-api-key"] = os.getenv("BENCH_KEY") or "bench"
