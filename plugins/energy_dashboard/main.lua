-- 能耗看板详情页 / energy dashboard detail page. Numbers that cannot be computed are nil in the
-- snapshot and are never drawn as 0.

local plugin = {}
local view = nil

local function pick(s)
  local id = settings.building ~= "" and settings.building or (s.meta and s.meta.building) or ""
  for _, b in ipairs(s.buildings or {}) do
    if b.id == id then return b end
  end
  return s.total
end

function plugin.on_data(s)
  view = { b = pick(s), updated = s.meta and s.meta.updated_at }
end

function plugin.enter()
  local s = data.snapshot()
  if s then plugin.on_data(s) end
end

local function change_text(pct)
  if type(pct) ~= "number" then return i18n.t("dash.no_base"), "muted" end
  local t = string.format("%.1f", math.abs(pct))
  if pct > 0 then return i18n.t("dash.up", { pct = t }), "warm" end
  return i18n.t("dash.down", { pct = t }), "accent"
end

local function month_panel(b, x, y, w)
  ui.text(i18n.t("dash.month"), x, y, { size = 34, bold = true })
  local rows = { { "electricity", "electricity_kwh", "kWh" }, { "water", "water_m3", "m³" }, { "gas", "gas_m3", "m³" } }
  for i, r in ipairs(rows) do
    local yy = y + 40 + (i - 1) * 110
    local value = b.month and b.month[r[2]]
    ui.text(i18n.t("dash." .. r[1]), x, yy + 24, { size = 32, color = "muted" })
    if type(value) == "number" then
      ui.number(value, r[3], x + 170, yy, { size = 64, decimals = value < 100 and 1 or 0 })
      local text, color = change_text(b.change_pct and b.change_pct.month and b.change_pct.month[r[2]])
      ui.text(text, x + w, yy + 24, { size = 34, align = "right", color = color })
    else
      ui.text("—", x + 170, yy + 10, { size = 56, color = "muted" })
    end
  end
end

local function profile_panel(b, x, y, w, h)
  ui.text(i18n.t("dash.profile"), x, y, { size = 34, bold = true })
  local values, last = {}, 0
  local raw = b.profile and b.profile.electricity_kwh or {}
  for i = 1, 96 do
    local v = raw[i]
    values[i] = type(v) == "number" and v or false   -- a gap, not a zero
    if type(v) == "number" then last = i end
  end
  if last == 0 then return end                       -- the rest of the day stays empty: x is the time of day
  ui.line_chart(x, y + 50, w, h - 90, values, { color = "accent", width = 4, min = 0 })
  for hour = 0, 24, 6 do
    ui.text(string.format("%02d:00", hour), x + w * hour / 24, y + h - 30, { size = 24, align = "center", color = "muted" })
  end
end

local function breakdown_panel(b, x, y, w, h)
  ui.text(i18n.t("dash.breakdown"), x, y, { size = 34, bold = true })
  local values, labels = {}, {}
  for _, item in ipairs(b.breakdown or {}) do
    if type(item.month_kwh) == "number" then
      values[#values + 1] = item.month_kwh
      local key = "dash.code_" .. string.sub(item.code or "", 1, 3) .. "00"
      local name = i18n.t(key)
      labels[#labels + 1] = (name ~= key and name or item.code) .. " " .. string.format("%.0f", item.month_kwh)
    end
  end
  if #values == 0 then
    ui.text(i18n.t("dash.no_breakdown"), x, y + 60, { size = 30, color = "muted" })
    return
  end
  ui.bar_chart(x, y + 50, w, h - 50, values, { labels = labels, color = "accent" })
end

-- This year's CO₂ by source, as shares: electricity dominates in most public buildings.
local function co2_panel(b, x, y, w)
  ui.text(i18n.t("dash.co2"), x, y, { size = 34, bold = true })
  local split = b.ytd and b.ytd.co2_by_source
  local total = b.ytd and b.ytd.co2_kg
  if type(split) ~= "table" or type(total) ~= "number" or total <= 0 then
    ui.text("—", x, y + 60, { size = 40, color = "muted" })
    return
  end
  ui.text(i18n.t("dash.co2_total", { t = string.format("%.1f", total / 1000) }), x + w, y + 4, { size = 28, align = "right", color = "muted" })
  local rows = { { "electricity", "accent" }, { "natural_gas", "#56CCF2" }, { "other", "warm" } }
  for i, r in ipairs(rows) do
    local kg = split[r[1]]
    local share = type(kg) == "number" and kg / total or 0
    local yy = y + 60 + (i - 1) * 80
    ui.text(i18n.t("dash.src_" .. r[1]), x, yy, { size = 32 })
    ui.progress(x + 160, yy + 14, w - 320, 20, share, { color = r[2] })
    ui.text(string.format("%.0f%%", share * 100), x + w, yy, { size = 32, align = "right", color = r[2] })
  end
end

function plugin.frame(dt)
  local w, h = ui.width, ui.height
  if not view or not view.b then return end
  local b = view.b
  local portrait = h > w
  ui.text(i18n.t("dash.title") .. " · " .. (b.id == "total" and i18n.t("dash.total") or (b.name or b.id)), 120, 60,
          { size = portrait and 44 or 52, bold = true, color = "accent", width = portrait and w - 240 or w - 600 })
  if b.stale then   -- beside the title on a wide screen, under it on a tall one
    local bx, by = portrait and 120 or w - 420, portrait and 1800 or 56
    ui.panel(bx, by, 300, 64, { color = "warm", radius = 32 })
    ui.text(i18n.t("dash.stale"), bx + 150, by + 12, { size = 32, bold = true, align = "center", color = "#1B2A22" })
  end
  if portrait then   -- stacked
    month_panel(b, 120, 180, w - 240)
    profile_panel(b, 120, 560, w - 240, 440)
    breakdown_panel(b, 120, 1040, w - 240, 380)
    co2_panel(b, 120, 1460, w - 240)
  else
    month_panel(b, 120, 170, 720)
    profile_panel(b, 960, 170, w - 1080, 400)
    breakdown_panel(b, 120, 600, 1020, 360)
    co2_panel(b, 1240, 600, w - 1360)
  end
  if view.updated then
    ui.text(i18n.t("dash.updated", { time = view.updated }), portrait and 460 or 120, h - (portrait and 106 or 80), { size = 28, color = "muted" })
  end
end

return plugin
