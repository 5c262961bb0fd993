-- wrk script: cycles through the URL paths listed in a file (one per line), each thread from a different start.
-- Usage: wrk ... -s bench/edge/urls.lua http://127.0.0.1:PORT -- urls.txt
local paths = {}
local i = 0
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("offset", counter * 7)
end

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  i = (offset or 0) % #paths
end

function request()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
