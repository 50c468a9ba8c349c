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
--   write    POST /habits/{id}/log {date} then DELETE /habits/{id}/logs/{date}
--   plain    GET /plain                                    (floor)
--   row      GET /row                                      (floor) random user
--   list     GET /list                                     (floor) random user
--   history  GET /stats/overview?range=month               the single token in FILE
-- Run it with as many threads as connections: each thread then has one
-- connection, so a `write` thread sends its DELETE only after its POST was
-- answered, and it only writes for its own share of the users (no two
-- connections ever touch the same habit and date).
-- When done it prints one line: BENCH_RESULT {json}.

local threads = {}
local counter = 0

function setup(thread)
   counter = counter + 1
   thread:set("id", counter - 1)
   table.insert(threads, thread)
end

local mode, users, undo, writer, sent = nil, {}, nil, nil, 0
non2xx = 0

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
      if mode == "history" then
         users = { { token = fields[#fields], habits = {} } }
         break
      end
      -- A write thread keeps only its own share of the users.
      if mode ~= "write" or index % nthreads == id then
         table.insert(users, { token = fields[1], habits = { unpack(fields, 2) } })
      end
      index = index + 1
   end
   math.randomseed(os.time() + id * 7919)
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
   elseif mode == "habits" then
      return wrk.format("GET", "/habits", auth(pick()))
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
      -- A day years before the seeded history, so the POST never meets a log.
      sent = sent + 1
      writer = users[(sent % #users) + 1]
      local day = string.format("20%02d-%02d-%02d", 1 + sent % 9, 1 + sent % 12, 1 + sent % 28)
      local headers = auth(writer)
      headers["Content-Type"] = "application/json"
      return wrk.format("POST", "/habits/" .. pick_habit(writer) .. "/log", headers,
                        '{"date":"' .. day .. '"}')
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
