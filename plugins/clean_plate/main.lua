-- 光盘行动打卡 / clean-plate check-in. Headcounts for per-person figures come from the optional
-- content file canteen.toml ([headcount] 办公室 = 12); without it departments rank by check-ins.
-- Where the feed has the canteen's scale (a "food_waste" meter), today's food waste is shown too.

local plugin = {}
local windows = {}        -- { {from = minutes, to = minutes}, ... }
local headcount = {}
local state = { phase = "ready", last_checkin = -1e9 }
local waste = nil         -- { today_kg =, month_kg =, occupants = } of this screen's building

local function parse_windows(text)
  local out = {}
  for a, b, c, d in string.gmatch(text, "(%d+):(%d+)%s*%-%s*(%d+):(%d+)") do
    out[#out + 1] = { from = tonumber(a) * 60 + tonumber(b), to = tonumber(c) * 60 + tonumber(d) }
  end
  return out
end

local function open_now()
  local t = clock.now()
  local m = t.hour * 60 + t.minute
  for _, w in ipairs(windows) do
    if m >= w.from and m < w.to then return true end
  end
  return false
end

function plugin.load()
  windows = parse_windows(settings.meal_windows)
  if #windows == 0 then log.warn("meal_windows '" .. settings.meal_windows .. "' has no window like 11:30-13:30") end
  local canteen = content.read("canteen.toml")   -- optional: nil when absent
  if canteen and type(canteen.headcount) == "table" then headcount = canteen.headcount end
end

function plugin.on_data(s)
  waste = nil
  local id = s.meta and s.meta.building or ""
  for _, b in ipairs(s.buildings or {}) do
    if b.id == id and b.food_waste then
      waste = { today_kg = b.food_waste.today_kg, month_kg = b.food_waste.month_kg, occupants = b.occupants }
    end
  end
end

function plugin.enter()
  state.phase = "ready"
  local s = data.snapshot()
  if s then plugin.on_data(s) end
end

-- "食堂今日餐厨垃圾 12.4 千克 · 人均 35 克", or this month's total before today's lunch is weighed.
local function waste_line()
  if not waste then return nil end
  local today = waste.today_kg
  if type(today) == "number" and today > 0 then
    local n = waste.occupants
    if type(n) == "number" and n > 0 then
      return i18n.t("plate.waste_today_pp", { kg = string.format("%.1f", today), g = math.floor(today * 1000 / n + 0.5) })
    end
    return i18n.t("plate.waste_today", { kg = string.format("%.1f", today) })
  end
  if type(waste.month_kg) == "number" then
    return i18n.t("plate.waste_month", { kg = string.format("%.0f", waste.month_kg) })
  end
  return nil
end

local function check_in(department)
  participation.log("clean_plate", { department = department })
  state.last_checkin = clock.seconds()
  state.phase = "thanks"
  kiosk.after(settings.thank_you_seconds, function()
    state.phase = "ready"
    kiosk.release()
  end)
end

local function board(x, y, w)
  ui.text(i18n.t("plate.board"), x, y, { size = 36, bold = true })
  local rows = participation.leaderboard({ kind = "clean_plate", by = "department", n = 50 })
  if #rows == 0 then
    ui.text(i18n.t("plate.no_board"), x, y + 60, { size = 30, color = "muted" })
    return
  end
  -- Per person where the headcount is known: a big department must not win by size alone.
  for _, r in ipairs(rows) do
    local n = headcount[r.key]
    r.rate = (type(n) == "number" and n > 0) and r.value / n or nil
  end
  table.sort(rows, function(a, b)
    if a.rate and b.rate then return a.rate > b.rate end
    if a.rate or b.rate then return a.rate ~= nil end
    return a.value > b.value
  end)
  for i = 1, math.min(#rows, 6) do
    local r = rows[i]
    local yy = y + 60 + (i - 1) * 64
    ui.text(i .. ". " .. r.key, x, yy, { size = 34 })
    local figure = r.rate and i18n.t("plate.per_person", { count = math.floor(r.value), rate = string.format("%.2f", r.rate) })
                   or i18n.t("plate.count", { count = math.floor(r.value) })
    ui.text(figure, x + w * 0.55, yy, { size = 34, color = "accent" })
    local days = participation.streak("clean_plate", "department", r.key)
    ui.text(i18n.t("plate.streak", { days = days }), x + w, yy, { size = 30, align = "right", color = "muted" })
  end
end

function plugin.frame(dt)
  local w, h = ui.width, ui.height
  local portrait = h > w
  ui.text(i18n.t("plate.title"), w / 2, 90, { size = 64, bold = true, align = "center", color = "accent", width = w - 160 })
  ui.text(i18n.t("plate.today", { count = participation.today("clean_plate") }), w / 2, 200,
          { size = 40, align = "center" })
  local bx, by, bw, bh = (w - 640) / 2, 300, 640, 180
  if state.phase == "thanks" then
    ui.text(i18n.t("plate.thanks"), w / 2, by + 50, { size = 56, bold = true, align = "center", width = w - 200 })
  elseif state.phase == "department" then
    ui.text(i18n.t("plate.choose"), w / 2, by - 10, { size = 36, align = "center", color = "muted" })
    local list = {}
    for i, d in ipairs(kiosk.departments) do list[i] = d end
    -- Many departments: two columns on a wide screen, and pages (with ‹ › and swipes) when even
    -- those do not fit above the skip button.
    local picked, bottom = ui.choice("department", list, (w - 900) / 2, by + 50, 900,
                                     { row_h = 96, gap = 14, columns = (#list > 5 and not portrait) and 2 or 1,
                                       h = h - (by + 50) - 170 })
    if picked then check_in(list[picked]) end
    if ui.button("skip", (w - 360) / 2, bottom + 30, 360, 100, { label = i18n.t("plate.skip"), size = 36 }) then
      check_in(nil)
    end
    return
  elseif not open_now() then
    ui.text(i18n.t("plate.closed", { windows = settings.meal_windows }), w / 2, by + 60,
            { size = 40, align = "center", color = "muted", width = w - 200 })
  else
    local rest = settings.cooldown_seconds - (clock.seconds() - state.last_checkin)
    if rest > 0 then
      ui.button("wait", bx, by, bw, bh, { label = i18n.t("plate.wait", { s = math.ceil(rest) }), size = 44, color = "muted" })
      kiosk.animate()
    elseif ui.button("checkin", bx, by, bw, bh, { label = i18n.t("plate.checkin"), size = 60 }) then
      kiosk.focus()
      if #kiosk.departments > 0 then state.phase = "department" else check_in(nil) end
    end
  end
  local line = waste_line()
  if line then
    ui.text(line, w / 2, by + bh + 24, { size = 30, align = "center", color = "muted", width = w - 200 })
  end
  board(160, portrait and 700 or 580, w - 320)
end

return plugin
