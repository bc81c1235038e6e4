-- wrk: GET a path drawn at random from the file PATHS (one path with its query per line, below
-- the URL wrk is given), each thread seeded on its own.
local paths = {}
for line in io.lines(os.getenv("PATHS")) do paths[#paths + 1] = line end

function setup(thread)
  thread:set("seed", math.random(1, 1000000))
end

function init(args)
  math.randomseed(seed)
end

function request()
  return wrk.format("GET", paths[math.random(#paths)])
end
