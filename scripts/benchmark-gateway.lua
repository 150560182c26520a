-- wrk script of scripts/benchmark-gateway: GET the URL as many users, one after another.
--   wrk -tTHREADS ... -s scripts/benchmark-gateway.lua URL -- TOKENS_FILE HEADER USERS RATE THREADS
-- TOKENS_FILE: lines "user-id token" (scripts/benchmark tool tokens). HEADER: bearer sends
-- "Authorization: Bearer <token>" (the gateway), user-id sends "X-User-Id: <id>" as the gateway
-- would (a service called directly, or nginx). USERS: how many of the file's users, in turn.
-- RATE: requests per second over all THREADS at a fixed pace, or 0 for as fast as answered.
-- Prints one line for scripts/benchmark-gateway: "result requests=N seconds=S p50_us=.. p99_us=.. errors=N".
local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } benchmark_timespec;
int clock_gettime(int clock, benchmark_timespec *now);
]]
local CLOCK_MONOTONIC = 1
local now_ts = ffi.new("benchmark_timespec")
local function now_ms()
	ffi.C.clock_gettime(CLOCK_MONOTONIC, now_ts)
	return tonumber(now_ts.tv_sec) * 1000 + tonumber(now_ts.tv_nsec) / 1e6
end

local threads = {}
function setup(thread)
	thread:set("thread_index", #threads)
	table.insert(threads, thread)
end

local requests = {}
local next_request = 0
local period_ms = 0
local due_ms = 0

function init(args)
	local file, header, users, rate, thread_count = args[1], args[2], tonumber(args[3]), tonumber(args[4]),
		tonumber(args[5])
	for line in io.lines(file) do
		local id, token = line:match("^(%S+) (%S+)$")
		if id then
			local headers = {}
			if header == "bearer" then
				headers["Authorization"] = "Bearer " .. token
			else
				headers["X-User-Id"] = id
			end
			table.insert(requests, wrk.format("GET", nil, headers))
			if #requests == users then
				break
			end
		end
	end
	if #requests < users then
		error(file .. " holds " .. #requests .. " users, not " .. users)
	end
	-- Threads start at different users, so that together they go round all of them.
	next_request = (thread_index * 7919) % #requests
	if rate > 0 then
		-- Each thread paces its own share; a connection that is free waits for the next slot.
		period_ms = 1000 * thread_count / rate
		due_ms = now_ms()
	end
end

function request()
	next_request = next_request % #requests + 1
	return requests[next_request]
end

function delay()
	if period_ms == 0 then
		return 0
	end
	local slot = due_ms
	due_ms = due_ms + period_ms
	local wait = slot - now_ms()
	return wait > 0 and wait or 0
end

function done(summary, latency, _)
	local errors = summary.errors.connect + summary.errors.read + summary.errors.write
		+ summary.errors.status + summary.errors.timeout
	io.write(string.format("result requests=%d seconds=%.3f p50_us=%d p99_us=%d errors=%d\n",
		summary.requests, summary.duration / 1e6, latency:percentile(50), latency:percentile(99), errors))
end
