-- wrk script for bench/overload/run: POSTs a small chat request with the master key and counts answers by status.
--   wrk -t2 -c2000 -d20s --timeout 30s -s bench/overload/statuses.lua http://127.0.0.1:PORT/v1/chat/completions -- KEY
-- Prints one line per status, "status <code> <count>", after wrk's own summary.

local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

function init(args)
   wrk.method = "POST"
   wrk.body = '{"model":"bench-model","messages":[{"role":"user","content":"hello"}],"max_tokens":16}'
   wrk.headers["Content-Type"] = "application/json"
   wrk.headers["Authorization"] = "Bearer " .. (args[1] or "")
   statuses = {}
end

function response(status, headers, body)
   statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
   local total = {}
   for _, thread in ipairs(threads) do
      for code, count in pairs(thread:get("statuses") or {}) do
         total[code] = (total[code] or 0) + count
      end
   end
   for code, count in pairs(total) do
      io.write(string.format("status %d %d\n", code, count))
   end
   local e = summary.errors
   io.write(string.format("socket_errors %d %d %d %d\n", e.connect, e.read, e.write, e.timeout))
end
