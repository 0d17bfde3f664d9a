-- wrk script for scripts/loadtest: wrk … -s kk.lua -- MODE N DATAFILE
-- MODE: s1 profile, s1seq every profile in turn (run with one thread: warms the page cache), s2 directory page, s3 full-text search, s4 suggestions
-- (signed in), s5 profile save (signed in, CSRF), s6 mix 95 % reads / 5 % writes.
local mode, n, users = "s1", 10000, {}

-- realistic search words: German compounds, English, Japanese (URL-encoded)
local words = {
  "Optik", "Sensor", "medizin", "Medizintechnik", "Wasserstoff", "Wasserstofftechnik", "Brennstoffzelle",
  "Automatisierung", "Robotik", "Halbleiter", "Software", "Logistik", "Maschinenbau", "Kunststoff",
  "battery", "hydrogen", "photonics", "semiconductor", "precision", "laser", "AI",
  "%E5%85%89%E5%AD%A6",                   -- 光学
  "%E6%B0%B4%E7%B4%A0",                   -- 水素
  "%E5%8C%BB%E7%99%82",                   -- 医療
  "%E3%82%BB%E3%83%B3%E3%82%B5%E3%83%BC", -- センサー
  "%E5%8D%8A%E5%B0%8E%E4%BD%93",          -- 半導体
  "%E3%83%AD%E3%83%9C%E3%83%83%E3%83%88", -- ロボット
}
local regions = { "", "&region=nrw", "&region=tokyo" }

function init(args)
  mode = args[1] or mode
  n = tonumber(args[2] or n)
  if args[3] and args[3] ~= "" then users = dofile(args[3]) end
  math.randomseed(os.time() + math.floor(os.clock() * 1e6) + tonumber(tostring({}):sub(8), 16) % 100000)
end

local seq = 0
local function nextProfile()
  seq = seq % n + 1
  return wrk.format("GET", string.format("/en/companies/gen-%06d", seq))
end

local function profile()
  return wrk.format("GET", string.format("/en/companies/gen-%06d", math.random(1, n)))
end

local function directory()
  local pages = math.max(1, math.min(100, math.floor(n / 50)))
  return wrk.format("GET", "/en/companies?per_page=50&page=" .. math.random(1, pages) .. regions[math.random(#regions)])
end

local function search()
  return wrk.format("GET", "/en/companies?q=" .. words[math.random(#words)])
end

local function suggestions()
  local u = users[math.random(#users)]
  return wrk.format("GET", "/en/account/suggestions", { Cookie = u.cookie })
end

local function save()
  local u = users[math.random(#users)]
  return wrk.format("POST", "/en/account/profile",
    { Cookie = u.cookie, ["Content-Type"] = "application/x-www-form-urlencoded", ["X-CSRF-Token"] = u.csrf },
    u.bodies[math.random(#u.bodies)])
end

local reads = { profile, directory, search, suggestions }

function request()
  if mode == "s1" then return profile()
  elseif mode == "s1seq" then return nextProfile()
  elseif mode == "s2" then return directory()
  elseif mode == "s3" then return search()
  elseif mode == "s4" then return suggestions()
  elseif mode == "s5" then return save()
  elseif mode == "s6" then
    if math.random() < 0.05 then return save() end
    return reads[math.random(#reads)]()
  end
  return wrk.format("GET", "/healthz")
end
