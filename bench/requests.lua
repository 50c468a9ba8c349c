-- wrk script for `make bench`: spreads requests over many users' tokens.
--
--   wrk -t32 -c32 -d15s -s bench/requests.lua http://127.0.0.1:PORT -- MODE FILE 32
--
-- FILE holds one user per line: a token, then that user's habit ids (tabs);
-- the last argument is the number of threads.
-- MODE is one of
--   habits   GET /habits                                   random user
--   logs     GET /habits/{id}/logs?range=month             random user and habit
--   stats    GET /stats/overview?range=month               random user
--   write    POST /habits/{id}/log {today} then DELETE /habits/{id}/logs/{today}
--   scores   GET /habits/{id}/scores?from=&to=  a year     random user and habit
--   skip     POST /habits/skip {from, to}: a two-week break of all 10 habits,
--            in one of 5 windows over the next 70 days, each pair of user and
--            window once (then it would find the days taken and write nothing)
--   plain    GET /plain                                    (floor)
--   row      GET /row                                      (floor) random user
--   list     GET /list                                     (floor) random user
--   history  GET /stats/overview?range=month               the single token in FILE
--   history_habits  GET /habits                            the single token in FILE
-- Run it with as many threads as connections: each thread then has one
-- connection, so a `write` thread sends its DELETE only after its POST was
-- answered, and a `write` or `skip` thread only writes for its own share of
-- the users (no two connections ever touch the same habit and date).
-- When done it prints one line: BENCH_RESULT {json}.

local threads = {}
local counter = 0

function setup(thread)
   counter = counter + 1
   thread:set("id", counter - 1)
   table.insert(threads, thread)
end

local mode, users, undo, writer, sent = nil, {}, nil, nil, 0
local today, year_ago = nil, nil
non2xx = 0

-- The UTC date `offset` days from now (the benchmark users' time zone is UTC).
local function utc_day(offset)
   return os.date("!%Y-%m-%d", os.time() + offset * 86400)
end

local function split(line)
   local fields = {}
   for field in line:gmatch("[^\t]+") do table.insert(fields, field) end
   return fields
end

function init(args)
   mode = args[1]
   local nthreads = tonumber(args[3] or "1")
   local index = 0
   for line in io.lines(args[2]) do
      local fields = split(line)
      if mode == "history" or mode == "history_habits" then
         users = { { token = fields[#fields], habits = {} } }
         break
      end
      -- A write or skip thread keeps only its own share of the users.
      if (mode ~= "write" and mode ~= "skip") or index % nthreads == id then
         table.insert(users, { token = fields[1], habits = { unpack(fields, 2) } })
      end
      index = index + 1
   end
   math.randomseed(os.time() + id * 7919)
   today, year_ago = utc_day(0), utc_day(-364)
end

local function auth(user)
   return { ["Authorization"] = "Bearer " .. user.token }
end

local function pick()
   return users[math.random(#users)]
end

local function pick_habit(user)
   return user.habits[math.random(#user.habits)]
end

function request()
   if mode == "plain" then
      return wrk.format("GET", "/plain")
   elseif mode == "row" then
      return wrk.format("GET", "/row", auth(pick()))
   elseif mode == "list" then
      return wrk.format("GET", "/list", auth(pick()))
   elseif mode == "habits" or mode == "history_habits" then
      return wrk.format("GET", "/habits", auth(pick()))
   elseif mode == "scores" then
      local user = pick()
      return wrk.format("GET", "/habits/" .. pick_habit(user) .. "/scores?from=" .. year_ago ..
                        "&to=" .. today, auth(user))
   elseif mode == "skip" then
      sent = sent + 1
      local user = users[(sent % #users) + 1]
      local first = 1 + 14 * (math.floor(sent / #users) % 5)
      local headers = auth(user)
      headers["Content-Type"] = "application/json"
      return wrk.format("POST", "/habits/skip", headers,
                        '{"from":"' .. utc_day(first) .. '","to":"' .. utc_day(first + 13) .. '"}')
   elseif mode == "stats" or mode == "history" then
      return wrk.format("GET", "/stats/overview?range=month", auth(pick()))
   elseif mode == "logs" then
      local user = pick()
      return wrk.format("GET", "/habits/" .. pick_habit(user) .. "/logs?range=month", auth(user))
   elseif mode == "write" then
      if undo then
         return wrk.format("DELETE", "/habits/" .. undo.habit .. "/logs/" .. undo.date,
                           auth(undo.user))
      end
      -- Today, which the seed left unlogged: "Log today" then "Undo today".
      sent = sent + 1
      writer = users[(sent % #users) + 1]
      local headers = auth(writer)
      headers["Content-Type"] = "application/json"
      return wrk.format("POST", "/habits/" .. pick_habit(writer) .. "/log", headers,
                        '{"date":"' .. today .. '"}')
   end
   error("unknown mode " .. tostring(mode))
end

function response(status, headers, body)
   -- The write pair advances on answers, not on requests: wrk calls request()
   -- once more than it sends (to check the script), so counting calls would
   -- send a DELETE before its POST.
   if mode == "write" then
      if status == 201 then
         undo = { user = writer, habit = body:match('"habitId":"([^"]+)"'),
                  date = body:match('"date":"([^"]+)"') }
      else
         undo = nil
      end
   end
   if status < 200 or status > 299 then
      non2xx = non2xx + 1
      if non2xx <= 3 then
         io.stderr:write("non-2xx " .. status .. ": " .. body:sub(1, 200) .. "\n")
      end
   end
end

function done(summary, latency, requests)
   local unexpected = 0
   for _, thread in ipairs(threads) do unexpected = unexpected + thread:get("non2xx") end
   local errors = summary.errors
   io.write(string.format(
      'BENCH_RESULT {"requests":%d,"duration_us":%d,"p50_us":%d,"p99_us":%d,' ..
      '"non2xx":%d,"socket_errors":%d}\n',
      summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
      unexpected, errors.connect + errors.read + errors.write + errors.timeout))
end
