-- wrk script for bench/run: POSTs a realistic OpenAI chat request (a system and a user message, about 1 KB)
-- and reports the run as one JSON line.
--   wrk -t1 -c16 -d10s --timeout 10s -s bench/wrk/chat.lua http://127.0.0.1:4000/v1/chat/completions -- MODEL STREAM KEY
-- MODEL: the model name; STREAM: "true" for an SSE request; KEY: the bearer key ("" for none).
-- A 2xx answer whose body lacks the expected marker (`"choices"`, or `data: [DONE]` for a stream) counts as
-- a bad body: a gateway that answers 200 with an error event must not look healthy.

local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

local system_prompt = "You are a concise assistant for an internal engineering help desk. Answer in plain English, "
   .. "cite the relevant internal document by title when you know one, and say so plainly when you do not know. "
   .. "Never invent command-line flags, configuration keys or API fields; if the user asks about something you are not "
   .. "sure exists, tell them how to check instead. Keep answers under 150 words unless the user asks for more detail. "
   .. "Format code as fenced blocks with a language tag."

local user_prompt = "Our service calls the chat completions endpoint through the company gateway and sometimes gets "
   .. "HTTP 429 during the nightly batch job, around 02:00 UTC, while daytime traffic is fine. The job sends about "
   .. "forty requests per second for twenty minutes with a shared key. What should we check first on our side, which "
   .. "headers tell us how close we are to the limit, and is it better to add retries with exponential backoff or to "
   .. "ask the platform team for a dedicated key with its own rate limit? We use the official Python SDK, version 1.x, "
   .. "and the requests carry about one thousand input tokens each."

local function json_string(s)
   return '"' .. s:gsub('\\', '\\\\'):gsub('"', '\\"') .. '"'
end

function init(args)
   local model = args[1] or "bench-model"
   stream = args[2] == "true"
   local key = args[3] or ""
   local body = '{"model":' .. json_string(model)
      .. ',"messages":[{"role":"system","content":' .. json_string(system_prompt) .. '},'
      .. '{"role":"user","content":' .. json_string(user_prompt) .. '}]'
      .. ',"temperature":0.2,"max_tokens":256,"user":"bench-user"'
      .. ',"tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object","properties":{}}}}]'
   if stream then body = body .. ',"stream":true' end
   body = body .. '}'
   wrk.method = "POST"
   wrk.body = body
   wrk.headers["Content-Type"] = "application/json"
   if key ~= "" then wrk.headers["Authorization"] = "Bearer " .. key end
   expected = stream and "data: [DONE]" or '"choices"'
   bad_bodies = 0
end

function response(status, headers, body)
   if status >= 200 and status < 300 and not string.find(body, expected, 1, true) then
      bad_bodies = bad_bodies + 1
   end
end

function done(summary, latency, requests)
   local bad = 0
   for _, thread in ipairs(threads) do bad = bad + (thread:get("bad_bodies") or 0) end
   local e = summary.errors
   io.write(string.format(
      'BENCH_RESULT {"requests":%d,"duration_us":%d,"bytes":%d,'
         .. '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d,"bad_body":%d},'
         .. '"latency_us":{"min":%d,"mean":%.1f,"max":%d,"stdev":%.1f,"p50":%d,"p75":%d,"p90":%d,"p99":%d,"p999":%d}}\n',
      summary.requests, summary.duration, summary.bytes,
      e.connect, e.read, e.write, e.status, e.timeout, bad,
      latency.min, latency.mean, latency.max, latency.stdev,
      latency:percentile(50), latency:percentile(75), latency:percentile(90), latency:percentile(99),
      latency:percentile(99.9)))
end
