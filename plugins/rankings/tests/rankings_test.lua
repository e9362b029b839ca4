-- Run with: ecolobby plugin test plugins/rankings

local function snapshot(eligible, incomplete)
  local rankings = {}
  for i = 1, eligible do
    rankings[#rankings + 1] = { rank = i, building = "B" .. i, name = "单位" .. i, reduction_pct = 20 - i, eligible = true, reason = "" }
  end
  for i = 1, incomplete or 0 do
    rankings[#rankings + 1] = { rank = 0, building = "X" .. i, name = "缺数单位" .. i, eligible = false,
                                reason = i == 1 and "coverage" or "no_last_year" }
  end
  return { rankings = rankings, ranking_basis = "energy_per_m2", ranking_period = "ytd", meta = { updated_at = "09:15" } }
end

-- drawn() matches substrings ("单位1" is in "单位11"): this one wants the whole text.
local function shown(text)
  for _, t in ipairs(test.texts()) do if t == text then return true end end
  return false
end

test.case("no figures yet: the screen skips the page (needs_data)", function()
  test.ok(not test.available())
  test.set_data(snapshot(0))
  test.ok(test.available())
end)

test.case("figures without any ranking: a notice, nothing else", function()
  test.set_data(snapshot(0))
  test.frame()
  test.ok(test.drawn("暂无排名数据"))
end)

test.case("top ten with medals, the rest on the next page, incomplete entries apart", function()
  test.set_data(snapshot(13, 2))
  test.leave()
  test.enter()
  test.frame()
  test.ok(test.drawn("节能之星 · 能耗同比下降排行"))
  test.ok(test.drawn("按单位面积能耗较去年同期下降幅度排名 · 今年以来"))
  test.ok(test.drawn("单位1"))
  test.ok(test.drawn("下降 19.0%"))
  test.ok(test.drawn("单位10"))
  test.ok(not test.drawn("单位11"), "only ten on a page")
  test.ok(test.drawn("第 1 / 2 页"))
  test.ok(test.drawn("数据不全，暂不排名： 缺数单位1（数据不全）、缺数单位2（无去年同期数据）"), table.concat(test.texts(), " | "))
  test.ok(test.drawn("数据更新于 09:15"))
  test.advance(8)
  test.frame()
  test.ok(test.drawn("单位11") and test.drawn("单位13"), "second page")
  test.ok(not shown("单位1"), "first page gone")
  test.advance(8)
  test.frame()
  test.ok(shown("单位1"), "back to the first page")
end)

test.case("an increase is shown as such, in the warning colour", function()
  local s = snapshot(1)
  s.rankings[1].reduction_pct = -3.25
  test.set_data(s)
  test.leave()
  test.enter()
  test.frame()
  test.ok(test.drawn("上升 3.2%") or test.drawn("上升 3.3%"), table.concat(test.texts(), " | "))
end)

test.case("new figures arriving while shown replace the list", function()
  test.set_data(snapshot(2))
  test.leave()
  test.enter()
  test.frame()
  test.ok(not test.drawn("单位3"))
  test.set_data(snapshot(3))
  test.frame()
  test.ok(test.drawn("单位3"), "on_data refreshed the ranking")
end)
