-- 垃圾分类小游戏：每轮随机几件物品，轻触四个垃圾桶之一，立即显示对错、正确的桶和理由，最后显示得分。
-- Garbage-sorting game: a few random items a round, tap one of four bins, right/wrong with the
-- correct bin and why, then the score and the departments' averages.
-- Logged anonymously: one garbage_round per finished round (score, total, department if chosen).
-- Without touch the start page still teaches: every few seconds another item and its bin.

local plugin = {}

-- Chongqing's four categories in the bin colours of GB/T 19095-2019 (the tips plugin uses the same).
local BINS = {
  { id = "recyclable", color = "#2F80ED" },
  { id = "hazardous", color = "#EB5757" },
  { id = "kitchen", color = "#27AE60" },
  { id = "other", color = "#828282" },
}
local BIN = {}
for _, b in ipairs(BINS) do BIN[b.id] = b end

-- Each item's name and reason are in locale/*.toml (item.<id>.name, item.<id>.why),
-- its picture in assets/<id>.png (drawn from art/<id>.svg by tools/make-pngs.sh).
local ITEMS = {
  { id = "newspaper", bin = "recyclable" }, { id = "bottle", bin = "recyclable" },
  { id = "can", bin = "recyclable" }, { id = "carton", bin = "recyclable" },
  { id = "glass", bin = "recyclable" },
  { id = "battery", bin = "hazardous" }, { id = "tube", bin = "hazardous" },
  { id = "medicine", bin = "hazardous" }, { id = "thermometer", bin = "hazardous" },
  { id = "leftovers", bin = "kitchen" }, { id = "banana", bin = "kitchen" },
  { id = "apple", bin = "kitchen" }, { id = "tea", bin = "kitchen" },
  { id = "tissue", bin = "other" }, { id = "cigarette", bin = "other" },
  { id = "mug", bin = "other" }, { id = "chopsticks", bin = "other" },
}

local round = nil          -- the round in progress, nil on the start page
local phase = "attract"    -- attract | department | item | feedback | result
local example = 1          -- the item the start page shows
local example_timer = nil
local settled = false      -- false in the first frame after enter: see picture()

local function now() return clock.seconds() end
local function name_of(item) return i18n.t("item." .. item.id .. ".name") end
local function bin_name(id) return i18n.t("bin." .. id) end

-- A PNG is decoded in the frame that first draws it, inside this plugin's CPU budget; the first
-- frame after enter already lays out every text, so the picture waits for the next one.
local function picture(item, x, y, size)
  if settled then ui.image("assets/" .. item.id .. ".png", x, y, size, size) else kiosk.animate() end
end

local function start_round(department)
  local order = {}
  for i = 1, #ITEMS do order[i] = ITEMS[i] end
  random.shuffle(order)
  local items = {}
  for i = 1, math.min(settings.items_per_round, #order) do items[i] = order[i] end
  round = { items = items, index = 1, score = 0, department = department, last_tap = now() }
  phase = "item"
end

local function finish()
  participation.log("garbage_round", { department = round.department, score = round.score, total = #round.items })
  round.finished_at = now()
  phase = "result"
end

local function next_item()
  round.last_tap = now()
  if round.index >= #round.items then finish() else
    round.index = round.index + 1
    phase = "item"
  end
end

-- An unfinished round is not a participation: nothing is recorded.
local function drop_round()
  round, phase = nil, "attract"
end

function plugin.enter()
  drop_round()
  settled = false
  example = random.int(1, #ITEMS)
  example_timer = kiosk.every(4, function() example = example % #ITEMS + 1 end)
end

function plugin.leave()
  drop_round()
  if example_timer then kiosk.cancel(example_timer) end
  example_timer = nil
end

-- A coloured label: the bin an item belongs in.
local function bin_chip(id, text, cx, y, size)
  local tw, th = ui.measure(text, { size = size, bold = true })
  ui.rect(cx - tw / 2 - 32, y, tw + 64, th + 28, { color = BIN[id].color, radius = 16 })
  ui.text(text, cx, y + 14, { size = size, bold = true, align = "center", color = "white" })
end

-- Department averages of all finished rounds (leaderboard covers all time): one row each with
-- its name, a bar and the figure, so even a single department or an average of 0 reads clearly.
local function draw_departments(x, y, w, h)
  ui.text(i18n.t("garbage.departments"), x + w / 2, y, { size = 34, align = "center", color = "muted" })
  local rows = math.max(1, math.min(5, (h - 60) // 70))
  local board = participation.leaderboard({ kind = "garbage_round", by = "department", field = "score", average = true, n = rows })
  if #board == 0 then
    ui.text(i18n.t("garbage.no_scores"), x + w / 2, y + 64, { size = 34, align = "center", color = "muted", width = w })
    return
  end
  local max = settings.items_per_round
  for i, row in ipairs(board) do
    local ry = y + 60 + (i - 1) * 70
    ui.text(row.key, x, ry + 8, { size = 32, width = 250 })
    ui.progress(x + 270, ry + 22, w - 420, 18, math.min(1, row.value / max), { color = "accent" })
    ui.text(i18n.t("garbage.average", { avg = string.format("%.1f", row.value), n = max }), x + w, ry + 8,
            { size = 32, bold = true, align = "right" })
  end
end

local function draw_attract()
  local w, h = ui.width, ui.height
  local portrait = h > w
  ui.text(i18n.t("garbage.title"), w / 2, portrait and 150 or 70, { size = 84, bold = true, align = "center", color = "accent" })
  ui.text(i18n.t("garbage.subtitle", { n = math.min(settings.items_per_round, #ITEMS) }), w / 2, portrait and 270 or 180,
          { size = 40, align = "center", color = "muted", width = w - 160 })
  local item = ITEMS[example]
  local cx, top, size = portrait and w / 2 or 520, portrait and 380 or 300, portrait and 440 or 380
  ui.panel(cx - size / 2 - 30, top - 30, size + 60, size + 260, { color = "panel", radius = 28 })
  picture(item, cx - size / 2, top, size)
  ui.text(name_of(item), cx, top + size + 20, { size = 52, bold = true, align = "center" })
  bin_chip(item.bin, i18n.t("garbage.example", { bin = bin_name(item.bin) }), cx, top + size + 100, 36)

  local rx = portrait and w / 2 or 1340
  local ry = portrait and 1160 or 300
  local bw, bh = 640, 150
  if ui.button("start", rx - bw / 2, ry, bw, bh, { label = i18n.t("garbage.start"), size = 56 }) then
    kiosk.focus()
    if #kiosk.departments > 0 then
      phase, round = "department", { last_tap = now() }
    else
      start_round(nil)
    end
  end
  ui.text(i18n.t("garbage.today", { count = participation.today("garbage_round") }), rx, ry + bh + 40,
          { size = 40, bold = true, align = "center" })
  draw_departments(rx - 420, ry + bh + 120, 840, portrait and 420 or 340)
  ui.text(i18n.t("garbage.plan"), w / 2, h - 70, { size = 28, align = "center", color = "muted" })
end

local function draw_department()
  local w = ui.width
  ui.text(i18n.t("garbage.choose_department"), w / 2, 140, { size = 56, bold = true, align = "center", width = w - 160 })
  local list = {}
  for i, d in ipairs(kiosk.departments) do list[i] = d end
  local picked = ui.choice("department", list, (w - 900) / 2, 260, 900, { row_h = 110, gap = 18 })
  if picked then
    start_round(list[picked])
    return
  end
  if ui.button("skip", (w - 400) / 2, ui.height - 220, 400, 110, { label = i18n.t("garbage.skip"), size = 40 }) then
    start_round(nil)
  end
end

-- The four bins: a lid and a body in the bin's colour; after an answer the right one is outlined.
-- Returns the id of the bin tapped this frame, or nil.
local function draw_bins(answered)
  local w, h = ui.width, ui.height
  local portrait = h > w
  local tapped = nil
  for i, b in ipairs(BINS) do
    local x, y, bw, bh
    if portrait then
      bw, bh = 440, 280
      x, y = 80 + ((i - 1) % 2) * 480, 1240 + ((i - 1) // 2) * 330
    else
      bw, bh = 400, 250
      x, y = 100 + (i - 1) * 440, 720
    end
    local right = answered and b.id == round.items[round.index].bin
    if right then ui.rect(x - 14, y - 44, bw + 28, bh + 58, { color = "white", radius = 22, stroke = 8 }) end
    ui.rect(x - 10, y - 30, bw + 20, 22, { color = b.color, radius = 8 })
    if ui.button("bin." .. b.id, x, y, bw, bh, { label = bin_name(b.id), size = 48, color = b.color, text_color = "white" })
       and not answered then
      tapped = b.id
    end
  end
  return tapped
end

local function draw_item()
  local w, h = ui.width, ui.height
  local portrait = h > w
  local item = round.items[round.index]
  local n = #round.items
  ui.text(i18n.t("garbage.progress", { i = round.index, n = n }), 120, 50, { size = 32, color = "muted" })
  ui.text(i18n.t("garbage.score", { score = round.score, n = n }), w - 120, 50, { size = 32, color = "muted", align = "right" })
  ui.progress(120, 100, w - 240, 14, (round.index - (phase == "feedback" and 0 or 1)) / n)
  local size = portrait and 460 or 420
  local px, py = portrait and (w - size) / 2 or 200, portrait and 170 or 160
  ui.panel(px - 20, py - 20, size + 40, size + 40, { color = "panel", radius = 28 })
  picture(item, px, py, size)

  local tx, tw = portrait and w / 2 or 1220, portrait and w - 160 or 1000
  local ty = portrait and 740 or 190
  ui.text(name_of(item), tx, ty, { size = 72, bold = true, align = "center", width = tw })
  if phase == "item" then
    ui.text(i18n.t("garbage.question"), tx, ty + 110, { size = 48, align = "center", color = "muted", width = tw })
  else
    local ok = round.picked == item.bin
    ui.text(ok and i18n.t("garbage.right") or i18n.t("garbage.wrong", { bin = bin_name(item.bin) }), tx, ty + 110,
            { size = 56, bold = true, align = "center", color = ok and "accent" or "warm", width = tw })
    ui.text(i18n.t("item." .. item.id .. ".why"), tx, ty + 200, { size = 40, align = "center", width = tw })
    local last = round.index >= n
    local nw = 440
    if ui.button("next", tx - nw / 2, ty + 320, nw, 110,
                 { label = last and i18n.t("garbage.finish") or i18n.t("garbage.next"), size = 44 }) then
      next_item()
      return
    end
  end
  local picked = draw_bins(phase == "feedback")
  if picked then
    round.picked = picked
    round.last_tap = now()
    if picked == item.bin then round.score = round.score + 1 end
    phase = "feedback"
  end
end

local function draw_result()
  local w, h = ui.width, ui.height
  local portrait = h > w
  local n = #round.items
  local cx, cy = portrait and w / 2 or 520, portrait and 420 or 380
  ui.ring(cx, cy, 200, round.score / n, { color = "accent" })
  ui.text(round.score .. " / " .. n, cx, cy - 60, { size = 96, bold = true, align = "center" })
  ui.text(i18n.t("garbage.score", { score = round.score, n = n }), cx, cy + 250, { size = 52, bold = true, align = "center" })
  ui.text(i18n.t("garbage.thanks"), cx, cy + 340, { size = 36, align = "center", color = "muted", width = portrait and w - 160 or 840 })
  if portrait then draw_departments(120, 1000, w - 240, 520) else draw_departments(1000, 160, 800, 560) end
  local bw = 480
  if ui.button("again", (portrait and w / 2 or 1400) - bw / 2, portrait and 1620 or 820, bw, 120,
               { label = i18n.t("garbage.again"), size = 44 }) then
    start_round(round.department)
    return
  end
  if now() - round.finished_at >= settings.result_seconds then
    drop_round()
    kiosk.release()
  end
end

function plugin.frame(dt)
  if round and (phase == "department" or phase == "item" or phase == "feedback") then
    if now() - round.last_tap >= settings.idle_seconds then
      drop_round()
      kiosk.release()
    elseif phase == "feedback" and now() - round.last_tap >= settings.feedback_seconds then
      next_item()
    end
  end
  if phase == "attract" then draw_attract()
  elseif phase == "department" then draw_department()
  elseif phase == "item" or phase == "feedback" then draw_item()
  else draw_result() end
  settled = true
end

return plugin
