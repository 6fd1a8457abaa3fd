-- Kiroku gateway benchmark: the weighted request mix of an integrator against joint-use, for wrk.
-- The same script, tokens and bodies are used against the service directly and through the gateway;
-- only wrk's URL differs. Inputs come from the environment (run.sh sets them):
--   BENCH_OFFICER_TOKEN  access token of `officer` (compliance-officer)
--   BENCH_CRM_TOKEN      access token of client `demo-crm` (ingest)
--   BENCH_GROUP_IDS      comma-separated ids of published joint-use groups
--   BENCH_MEMBER_NAME    a joint user's name in the first group (a matching check by name)
--   BENCH_MEMBER_CORP    a joint user's corporate number in the first group (a matching check by number)
--   BENCH_DATE           the legal day for checks (today, Asia/Tokyo)
--   BENCH_HIST           file to write the latency histogram to ("<microseconds> <count>" per line)
--
-- The mix, per 20 requests (a fixed interleaved cycle per thread, so both sides get exactly the same proportions):
--    8  POST /api/v1/joint-use-checks           demo-crm  (by name / by corporate number / a non-member)
--    4  GET  /api/v1/joint-use-groups/{id}      officer   (round robin over the groups)
--    3  GET  /api/v1/joint-use-groups?limit=20  officer
--    3  GET  /public/v1/joint-use-notices       no token
--    2  GET  /api/v1/joint-use/caller           officer
-- Every response is counted by status; anything but 2xx is an error (reported as non2xx by done()).

local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

local function env(name)
  local v = os.getenv(name)
  if v == nil or v == "" then error("mix.lua: environment variable " .. name .. " is not set") end
  return v
end

local requests = {}
local cursor = 0
non2xx = 0
statuses = ""
local seen = {}

function init(args)
  local officer = "Bearer " .. env("BENCH_OFFICER_TOKEN")
  local crm = "Bearer " .. env("BENCH_CRM_TOKEN")
  local day = env("BENCH_DATE")
  local ids = {}
  for id in string.gmatch(env("BENCH_GROUP_IDS"), "[^,]+") do table.insert(ids, id) end

  local function get(path, token)
    local h = { ["Accept"] = "application/json" }
    if token then h["Authorization"] = token end
    return wrk.format("GET", path, h, nil)
  end
  local function check(body)
    return wrk.format("POST", "/api/v1/joint-use-checks", {
      ["Accept"] = "application/json", ["Content-Type"] = "application/json", ["Authorization"] = crm }, body)
  end

  local by_name = check('{"counterpartyName":"' .. env("BENCH_MEMBER_NAME") ..
      '","items":["お名前"],"date":"' .. day .. '"}')
  local by_number = check('{"counterpartyCorporateNumber":"' .. env("BENCH_MEMBER_CORP") ..
      '","items":["お名前","ご住所"],"date":"' .. day .. '"}')
  local stranger = check('{"counterpartyName":"無関係商事株式会社","items":["お名前"],"date":"' .. day .. '"}')
  local list = get("/api/v1/joint-use-groups?limit=20", officer)
  local notices = get("/public/v1/joint-use-notices", nil)
  local caller = get("/api/v1/joint-use/caller", officer)
  local function group(i) return get("/api/v1/joint-use-groups/" .. ids[(i - 1) % #ids + 1], officer) end

  -- 20 slots, interleaved: 8 checks, 4 group reads, 3 lists, 3 public notices, 2 callers
  requests = {
    by_name, group(1), list, notices, by_number,
    caller, stranger, group(2), by_name, notices,
    list, by_number, group(3), stranger, caller,
    by_name, notices, list, group(4), by_number,
  }
  -- threads start at different points of the cycle
  cursor = (id or 0) * 7
end

function request()
  cursor = cursor % #requests + 1
  return requests[cursor]
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    if not seen[status] then
      seen[status] = true
      statuses = statuses .. status .. " "
    end
  end
end

function done(summary, latency, requests)
  local bad, codes = 0, ""
  for _, t in ipairs(threads) do
    bad = bad + (t:get("non2xx") or 0)
    codes = codes .. (t:get("statuses") or "")
  end
  local e = summary.errors
  io.write(string.format(
      "BENCH requests=%d duration_us=%d non2xx=%d connect=%d read=%d write=%d timeout=%d codes=%s\n",
      summary.requests, summary.duration, bad, e.connect, e.read, e.write, e.timeout,
      codes == "" and "-" or (codes:gsub(" $", ""):gsub(" ", ",")))
  )
  local path = os.getenv("BENCH_HIST")
  if path and path ~= "" then
    local f = assert(io.open(path, "w"))
    for i = 1, #latency do
      local value, count = latency(i)
      f:write(string.format("%d %d\n", value, count))
    end
    f:close()
  end
end
