-- 一页展示：柱状图数值与分色、环形图与图例、分页的部门选择、滑动。
local P = { picked = nil, swiped = nil }

local ways = { "步行", "骑车", "公交", "拼车", "开车" }
local counts = { 42, 35, 61, 18, 27 }
local ways_colors = { "accent", "accent", "accent", "warm", "alert" }
local bins = { "可回收物", "有害垃圾", "厨余垃圾", "其他垃圾" }
local bin_share = { 38, 4, 41, 17 }
local bin_colors = { "#2F6DB5", "#D93A2B", "#3C8D40", "#6B6B6B" }  -- 重庆四分类的桶色
local departments = {}
for i = 1, 12 do departments[i] = ({ "办公室", "财务科", "人事科", "后勤科", "信息科", "法规科",
                                       "规划科", "宣传科", "审计科", "安全科", "档案室", "工会" })[i] end

function P.frame()
  local w, h = ui.width, ui.height
  local portrait = h > w
  ui.text("本周绿色出行", 96, 56, { size = 56, bold = true })
  local chart_w = portrait and w - 192 or 820
  ui.bar_chart(96, 170, chart_w, portrait and 440 or 400, counts,
               { labels = ways, colors = ways_colors, values = true, label_size = 32 })
  local cx, cy, r = portrait and 300 or 1240, portrait and 880 or 370, portrait and 190 or 180
  ui.pie_chart(cx, cy, r, bin_share, { labels = bins, colors = bin_colors, hole = 0.55, percent = true, label_size = 36 })
  ui.text("垃圾分类", cx, cy - 25, { size = 36, align = "center", bold = true })

  local top = portrait and 1180 or 640
  ui.text(P.picked and ("已选：" .. P.picked) or "请选择您的部门", 96, top - 70, { size = 40, color = "muted" })
  local i = ui.choice("dept", departments, 96, top, w - 192,
                      { columns = portrait and 2 or 3, row_h = 96, gap = 20, size = 40, h = portrait and 560 or 400 })
  if i then P.picked = departments[i] end
  local s = ui.swipe()
  if s then P.swiped = s end
  if P.swiped then ui.text("滑动：" .. P.swiped, w - 96, top - 70, { size = 32, align = "right", color = "muted" }) end
end

return P
