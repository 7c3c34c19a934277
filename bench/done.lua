-- wrk: POST /done with a distinct (participant, lesson) pair per request,
-- so that the rows written can be compared with the 303s received.
-- BENCH_COOKIES: cookies separated by spaces; BENCH_LESSONS: a file of ids.
local threads = {}
local counter = 0

function setup(thread)
	thread:set("id", counter)
	counter = counter + 1
	table.insert(threads, thread)
end

function init(args)
	cookies = {}
	for c in string.gmatch(os.getenv("BENCH_COOKIES"), "%S+") do
		cookies[#cookies + 1] = c
	end
	lessons = {}
	for l in io.lines(os.getenv("BENCH_LESSONS")) do
		lessons[#lessons + 1] = l
	end
	nthreads = tonumber(os.getenv("BENCH_THREADS"))
	i = 0
	acked = 0
	origin = os.getenv("BENCH_ORIGIN")
end

function request()
	local g = i * nthreads + id
	i = i + 1
	local p = g % #cookies + 1
	local l = math.floor(g / #cookies) % #lessons + 1
	return wrk.format("POST", "/api/done", {
		["Content-Type"] = "application/x-www-form-urlencoded",
		["Origin"] = origin,
		["Cookie"] = "eystime=" .. cookies[p],
	}, "lesson=" .. lessons[l] .. "&next=/")
end

function response(status, headers, body)
	if status == 303 then
		acked = acked + 1
	end
end

function done(summary, latency, requests)
	local n = 0
	for _, t in ipairs(threads) do
		n = n + t:get("acked")
	end
	io.write(string.format("acknowledged %d\n", n))
end
