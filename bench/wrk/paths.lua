-- wrk script of bench/bench.py, scenario (e). Each thread cycles through the request paths in
-- the file named by BENCH_WRK_PATHS (one path per line), starting at a different place, with
-- the headers given on wrk's command line (-H "Authorization: Bearer ..."). done() prints one
-- JSON line with the latency percentiles (microseconds), request count and errors.
local paths = {}
local next_index = 1

local function load()
  local file = os.getenv("BENCH_WRK_PATHS")
  if not file then
    error("BENCH_WRK_PATHS is not set")
  end
  for line in io.lines(file) do
    if #line > 0 then
      paths[#paths + 1] = line
    end
  end
  if #paths == 0 then
    error("no paths in " .. file)
  end
end

local thread_count = 0
function setup(thread)
  thread_count = thread_count + 1
  thread:set("thread_number", thread_count)
end

function init(args)
  load()
  local n = tonumber(thread_number) or 1
  next_index = ((n - 1) * 7919) % #paths + 1
end

function request()
  local path = paths[next_index]
  next_index = next_index % #paths + 1
  return wrk.format("GET", path)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "bytes": %d, "p50_us": %d, "p90_us": %d, "p99_us": %d, ' ..
    '"max_us": %d, "mean_us": %.1f, "errors": {"connect": %d, "read": %d, "write": %d, "status": %d, ' ..
    '"timeout": %d}}\n',
    summary.requests, summary.duration, summary.bytes, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, latency.mean, e.connect, e.read, e.write, e.status, e.timeout))
end
