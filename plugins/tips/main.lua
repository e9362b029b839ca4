-- 节约小贴士：每 seconds_per_tip 秒换一条；每条有分类色标、标题、正文和举例。
-- Saving tips: one every seconds_per_tip seconds, each with a coloured badge, title, text, examples.

local plugin = {}
-- Chongqing's bin colours for the four garbage categories; the rest in theme colours.
local COLORS = { recyclable = "#2F80ED", hazardous = "#EB5757", kitchen = "#27AE60", other = "#828282",
                 water = "#56CCF2", office = "accent" }
local tips, index = {}, 1

local function tr(field)
  if type(field) ~= "table" then return field end
  return field[i18n.language] or field["zh-CN"]
end

function plugin.load()
  local data, problem = content.read(settings.file)
  if not data then
    log.warn("tips unavailable: " .. tostring(problem))
    return
  end
  for _, t in ipairs(data.tip or {}) do
    if tr(t.title) and tr(t.body) then tips[#tips + 1] = t else log.warn("tips: skipping a tip without title or body") end
  end
end

function plugin.enter()
  if plugin.timer then kiosk.cancel(plugin.timer) end
  if #tips > 1 then
    plugin.timer = kiosk.every(settings.seconds_per_tip, function() index = index % #tips + 1 end)
  end
end

function plugin.leave()
  if plugin.timer then kiosk.cancel(plugin.timer) end
  plugin.timer = nil
  index = index % math.max(1, #tips) + 1   -- the next visit starts with the next tip
end

function plugin.frame(dt)
  local w, h = ui.width, ui.height
  ui.text(i18n.t("tips.heading"), w / 2, 80, { size = 40, align = "center", color = "muted" })
  local tip = tips[index]
  if not tip then
    ui.text(i18n.t("tips.unavailable"), w / 2, h / 2, { size = 44, align = "center", color = "muted" })
    return
  end
  local color = COLORS[tip.category] or "accent"
  local cy = h > w and 520 or 400
  ui.circle(w / 2, cy - 140, 90, { color = color })
  ui.text(tr(tip.title), w / 2, cy, { size = 80, bold = true, align = "center", width = w - 200 })
  ui.text(tr(tip.body), w / 2, cy + 140, { size = 44, align = "center", width = math.min(w - 240, 1400) })
  local examples = tr(tip.examples)
  if type(examples) == "table" and #examples > 0 then
    ui.text(i18n.t("tips.examples") .. table.concat(examples, i18n.language == "en" and ", " or "、"), w / 2, cy + 330,
            { size = 38, align = "center", color = color, width = w - 240 })
  end
  for i = 1, #tips do   -- where we are in the series
    ui.circle(w / 2 + (i - (#tips + 1) / 2) * 36, h - 100, i == index and 10 or 6, { color = i == index and "accent" or "muted" })
  end
end

return plugin
