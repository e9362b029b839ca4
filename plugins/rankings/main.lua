-- 节能之星排行榜：前三名奖牌，超过十名分页轮换，数据不全的单位单独列出。
-- Energy-saving stars: medals for the top three, pages of ten, incomplete data listed apart.

local plugin = {}
local PER_PAGE = 10
local MEDALS = { "#F2C94C", "#C0C7CF", "#CD8B4E" }   -- gold, silver, bronze
local state = { ranked = {}, incomplete = {}, page = 1 }

local function fmt_pct(v) return string.format("%.1f", math.abs(v)) end

function plugin.on_data(s)
  state.ranked, state.incomplete = {}, {}
  for _, r in ipairs(s.rankings or {}) do
    if r.eligible then state.ranked[#state.ranked + 1] = r else state.incomplete[#state.incomplete + 1] = r end
  end
  table.sort(state.ranked, function(a, b) return a.rank < b.rank end)
  state.basis = s.ranking_basis
  state.period = s.ranking_period
  state.updated = s.meta and s.meta.updated_at
  state.page = math.min(state.page, math.max(1, math.ceil(#state.ranked / PER_PAGE)))
end

local function pages() return math.max(1, math.ceil(#state.ranked / PER_PAGE)) end

function plugin.enter()
  state.page = 1
  local s = data.snapshot()
  if s then plugin.on_data(s) end
  if state.timer then kiosk.cancel(state.timer) end
  state.timer = kiosk.every(settings.page_seconds, function()
    state.page = state.page % pages() + 1
  end)
end

function plugin.leave()
  if state.timer then kiosk.cancel(state.timer) end
  state.timer = nil
end

local function row(r, x, y, w)
  local medal = MEDALS[r.rank]
  if medal then
    ui.circle(x + 36, y + 36, 32, { color = medal })
    ui.text(tostring(r.rank), x + 36, y + 14, { size = 36, bold = true, align = "center", color = "#1B2A22" })
  else
    ui.text(tostring(r.rank), x + 36, y + 14, { size = 36, bold = true, align = "center", color = "muted" })
  end
  ui.text(r.name or r.building, x + 100, y + 12, { size = 40, bold = r.rank <= 3, width = w - 460 })
  local pct = r.reduction_pct or 0
  local label = pct >= 0 and i18n.t("rank.reduction", { pct = fmt_pct(pct) }) or i18n.t("rank.increase", { pct = fmt_pct(pct) })
  ui.text(label, x + w, y + 12, { size = 40, align = "right", color = pct >= 0 and "accent" or "warm" })
end

function plugin.frame(dt)
  local w, h = ui.width, ui.height
  ui.text(i18n.t("rank.title"), w / 2, 70, { size = 64, bold = true, align = "center", color = "accent", width = w - 160 })
  if #state.ranked == 0 and #state.incomplete == 0 then
    ui.text(i18n.t("rank.none"), w / 2, h / 2 - 40, { size = 48, align = "center", color = "muted" })
    return
  end
  local sub = i18n.t("rank.basis_" .. (state.basis or "energy_per_m2")) .. " · " .. i18n.t("rank.period_" .. (state.period or "ytd"))
  ui.text(sub, w / 2, 160, { size = 30, align = "center", color = "muted", width = w - 160 })
  local x, y, rw = 160, 220, w - 320
  local first = (state.page - 1) * PER_PAGE + 1
  for i = first, math.min(first + PER_PAGE - 1, #state.ranked) do
    row(state.ranked[i], x, y, rw)
    y = y + 74
  end
  if pages() > 1 then
    ui.text(i18n.t("rank.page", { page = state.page, pages = pages() }), w - 160, h - 90, { size = 28, align = "right", color = "muted" })
  end
  if #state.incomplete > 0 then
    local names = {}
    for _, r in ipairs(state.incomplete) do
      names[#names + 1] = (r.name or r.building) .. "（" .. i18n.t("rank.reason_" .. (r.reason ~= "" and r.reason or "coverage")) .. "）"
    end
    ui.text(i18n.t("rank.incomplete") .. " " .. table.concat(names, "、"), x, h > w and h - 260 or h - 150,
            { size = 28, color = "muted", width = rw })
  end
  if state.updated then ui.text(i18n.t("rank.updated", { time = state.updated }), x, h - 90, { size = 28, color = "muted" }) end
end

return plugin
