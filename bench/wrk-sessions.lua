-- SPDX-License-Identifier: GPL-3.0-or-later
-- wrk script: non-streaming Anthropic /v1/messages calls with the key from BENCH_KEY, each with
-- a different first user message, so every request is a new conversation (a new sticky session)
-- and the pool's strategy picks the account for every request. With one fixed prompt (as in
-- wrk-post.lua) every request would stay on the account its session was first bound to.
wrk.method = "POST"
wrk.path = "/v1/messages"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["anthropic-version"] = "2023-06-01"
wrk.headers["x-api-key"] = os.getenv("BENCH_KEY") or "bench"

local threadCount = 0
function setup(thread)
    thread:set("threadId", threadCount)
    threadCount = threadCount + 1
end

local counter = 0
function request()
    counter = counter + 1
    local body = '{"model":"claude-sonnet-4-20250514","max_tokens":64,' ..
                 '"messages":[{"role":"user","content":"benchmark conversation ' ..
                 tostring(threadId) .. "-" .. counter .. '"}]}'
    return wrk.format(nil, nil, nil, body)
end
