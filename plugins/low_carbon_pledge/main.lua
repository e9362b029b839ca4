-- 低碳承诺墙 / low-carbon pledge wall with a green-travel calculator.

local plugin = {}
local pledges, travel = {}, nil
local state = { phase = "wall", chosen = {} }
local KMS = { 1, 2, 3, 5, 10 }
local MODES = { "walk", "bike", "bus" }

local function tr(field)
  if type(field) ~= "table" then return field or "" end
  return field[i18n.language] or field["zh-CN"] or ""
end

function plugin.load()
  local data, problem = content.read("pledges.toml")
  if not data then
    log.warn("pledges unavailable: " .. tostring(problem))
    return
  end
  for _, p in ipairs(data.pledge or {}) do
    if type(p.id) == "string" and tr(p.text) ~= "" then pledges[#pledges + 1] = p end
  end
  travel = data.travel
end

-- kg CO₂ per km of driving, from the factors in pledges.toml.
local function car_kg_per_km()
  return travel.car_litres_per_100km / 100 * travel.gasoline_kg_per_litre * travel.gasoline_co2_per_kg
end

function plugin.avoided_kg(mode, km)
  local own = mode == "bus" and (travel.bus_co2_per_km or 0) or 0
  return math.max(0, km * (car_kg_per_km() - own))
end

function plugin.enter()
  state.phase, state.chosen = "wall", {}
end

local function thank()
  state.phase = "thanks"
  kiosk.after(settings.thank_you_seconds, function()
    state.phase = "wall"
    kiosk.release()
  end)
end

local function draw_wall(w, h)
  -- Each pledge a tile whose bar grows with today's count: the wall fills up during the day.
  local today = participation.today("pledge")
  ui.text(i18n.t("pledge.wall", { count = today }), w / 2, 190, { size = 40, align = "center" })
  local counts = participation.leaderboard({ kind = "pledge", by = "pledge", n = 50 })
  local by_id, most = {}, 1
  for _, r in ipairs(counts) do by_id[r.key] = r.value; most = math.max(most, r.value) end
  local cols = h > w and 2 or 3
  local tw, th = (w - 240 - (cols - 1) * 24) / cols, 150
  for i, p in ipairs(pledges) do
    local col, row = (i - 1) % cols, (i - 1) // cols
    local x, y = 120 + col * (tw + 24), 280 + row * (th + 24)
    local picked = state.chosen[p.id]
    if ui.button("pledge." .. p.id, x, y, tw, th, { label = tr(p.text), size = 36, selected = picked }) then
      state.chosen[p.id] = not picked or nil
      kiosk.focus()
    end
    ui.progress(x + 20, y + th - 22, tw - 40, 8, (by_id[p.id] or 0) / most)
    ui.text(i18n.t("pledge.total", { count = math.floor(by_id[p.id] or 0) }), x + tw - 24, y + 14, { size = 24, align = "right", color = "muted" })
  end
  local by = 280 + math.ceil(#pledges / cols) * (th + 24) + 20
  if next(state.chosen) and ui.button("submit", w / 2 - 520, by, 500, 120, { label = i18n.t("pledge.submit"), size = 44 }) then
    for _, p in ipairs(pledges) do
      if state.chosen[p.id] then participation.log("pledge", { pledge = p.id }) end
    end
    state.chosen = {}
    thank()
  end
  local tx = next(state.chosen) and w / 2 + 20 or w / 2 - 250   -- centred while there is nothing to submit
  if travel and ui.button("travel", tx, by, 500, 120, { label = i18n.t("pledge.travel"), size = 40 }) then
    state.phase, state.mode, state.km = "travel", "walk", 3
    kiosk.focus()
  end
  local trips = participation.leaderboard({ kind = "green_trip", by = "mode", field = "co2_g", n = 10 })
  local grams, n = 0, 0
  for _, r in ipairs(trips) do grams = grams + r.value end
  n = participation.count("green_trip", 3650)
  if n > 0 then
    ui.text(i18n.t("pledge.trips", { count = n, kg = string.format("%.1f", grams / 1000) }), w / 2, by + 160,
            { size = 32, align = "center", color = "muted", width = w - 200 })
  end
end

local function draw_travel(w, h)
  ui.text(i18n.t("pledge.mode"), 160, 220, { size = 36, color = "muted" })
  for i, m in ipairs(MODES) do
    if ui.button("mode." .. m, 160 + (i - 1) * 300, 280, 270, 120, { label = i18n.t("pledge." .. m), size = 40, selected = state.mode == m }) then
      state.mode = m
    end
  end
  for i, km in ipairs(KMS) do
    if ui.button("km." .. km, 160 + (i - 1) * 240, 450, 210, 110, { label = i18n.t("pledge.km", { km = km }), size = 36, selected = state.km == km }) then
      state.km = km
    end
  end
  local kg = plugin.avoided_kg(state.mode, state.km)
  ui.text(i18n.t("pledge.saved", { kg = string.format("%.2f", kg) }), w / 2, 620, { size = 52, bold = true, align = "center", color = "accent", width = w - 200 })
  ui.text(i18n.t("pledge.factor", { source = tr(travel.car_source) }), w / 2, 720, { size = 26, align = "center", color = "muted", width = w - 240 })
  if ui.button("submit_trip", w / 2 - 520, h - 240, 500, 120, { label = i18n.t("pledge.submit"), size = 44 }) then
    participation.log("green_trip", { mode = state.mode, km = state.km, co2_g = math.floor(kg * 1000 + 0.5) })
    thank()
  end
  if ui.button("back", w / 2 + 20, h - 240, 500, 120, { label = i18n.t("pledge.back"), size = 40 }) then state.phase = "wall" end
end

function plugin.frame(dt)
  local w, h = ui.width, ui.height
  ui.text(i18n.t("pledge.title"), w / 2, 80, { size = 64, bold = true, align = "center", color = "accent", width = w - 160 })
  if #pledges == 0 then
    ui.text(i18n.t("pledge.unavailable"), w / 2, h / 2, { size = 44, align = "center", color = "muted" })
  elseif state.phase == "thanks" then
    ui.text(i18n.t("pledge.thanks"), w / 2, h / 2 - 40, { size = 64, bold = true, align = "center" })
  elseif state.phase == "travel" then
    draw_travel(w, h)
  else
    draw_wall(w, h)
  end
end

return plugin
