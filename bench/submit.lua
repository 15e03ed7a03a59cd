-- wrk script: each thread submits its own share of prepared drafts
-- (lines "application_id token" of the file in args[1]; args[2] = threads).
-- Counts acknowledged submissions by their answers; once a thread has no
-- drafts left it asks /healthz, which is not counted.
local counter = 0
local threads = {}

function setup(thread)
  thread:set("id", counter)
  table.insert(threads, thread)
  counter = counter + 1
end

function init(args)
  local n = tonumber(args[2])
  lines = {}
  local i = 0
  for line in io.lines(args[1]) do
    if i % n == id then table.insert(lines, line) end
    i = i + 1
  end
  pos = 0
  submitted = 0
end

function request()
  pos = pos + 1
  local line = lines[pos]
  if line == nil then return wrk.format("GET", "/healthz") end
  local app, token = line:match("(%S+) (%S+)")
  return wrk.format("POST", "/api/v1/applications/" .. app .. "/submit",
                    {["Authorization"] = "Bearer " .. token}, "")
end

function response(status, headers, body)
  if status == 200 and body:find('"state":"submitted"', 1, true) then submitted = submitted + 1 end
end

function done(summary, latency, requests)
  local total = 0
  for _, t in ipairs(threads) do total = total + t:get("submitted") end
  io.write(string.format("acknowledged submissions: %d in %.2f s = %.0f/s\n", total,
                         summary.duration / 1e6, total / (summary.duration / 1e6)))
end
