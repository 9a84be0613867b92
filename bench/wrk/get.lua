-- GET the paths listed in $BENCH_PATHS (separated by spaces), in turn, with the bearer
-- token of $BENCH_TOKEN when set. wrk runs one copy of this script per thread.
local paths = {}
for p in string.gmatch(os.getenv("BENCH_PATHS") or "/", "%S+") do
  paths[#paths + 1] = p
end
local token = os.getenv("BENCH_TOKEN")
local i = 0

request = function()
  i = i % #paths + 1
  local headers = {}
  if token and token ~= "" then
    headers["Authorization"] = "Bearer " .. token
  end
  return wrk.format("GET", paths[i], headers)
end

-- A refusal or an error is counted by wrk as a non-2xx response; the runner fails on any.
