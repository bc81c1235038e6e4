-- wrk: GET /api/posts/{id} for ids drawn at random from the file IDS (one id per line), each
-- thread seeded on its own, so requests spread over the whole archive as a site's readers do.
local ids = {}
for line in io.lines(os.getenv("IDS")) do ids[#ids + 1] = line end

function setup(thread)
  thread:set("seed", math.random(1, 1000000))
end

function init(args)
  math.randomseed(seed)
end

function request()
  return wrk.format("GET", "/api/posts/" .. ids[math.random(#ids)])
end
