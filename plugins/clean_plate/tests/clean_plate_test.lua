-- Run with: ecolobby plugin test plugins/clean_plate

local LUNCH = "2026-06-24T12:00:00+08:00"

test.case("outside meal times the check-in is closed", function()
  test.start({ now = "2026-06-24T10:00:00+08:00" })
  test.frame()
  test.ok(test.drawn("用餐时间（11:30-13:30,17:30-19:00）开放打卡"))
  test.eq(#test.widgets(), 0)
end)

test.case("a tap at lunch logs one check-in and thanks", function()
  test.start({ now = LUNCH })
  test.frame()
  test.tap("我光盘了")
  test.frame()
  test.eq(#test.logged("clean_plate"), 1)
  test.ok(test.drawn("谢谢！珍惜粮食，光盘光荣。"))
  test.ok(test.drawn("今日已有 1 人次光盘打卡"))
end)

test.case("the cooldown stops repeated taps on this screen, then opens again", function()
  test.start({ now = LUNCH, settings = { cooldown_seconds = 20, thank_you_seconds = 2 } })
  test.frame()
  test.tap("我光盘了")
  test.advance(3)
  test.frame()
  test.ok(test.drawn("请稍候"), table.concat(test.texts(), " | "))
  test.tap("wait")                       -- tapping the resting button does nothing
  test.frame()
  test.eq(#test.logged("clean_plate"), 1)
  test.advance(18)
  test.frame()
  test.tap("我光盘了")
  test.frame()
  test.eq(#test.logged("clean_plate"), 2)
end)

test.case("departments: optional choice, ranking per person and streak", function()
  test.start({ now = LUNCH, departments = { "办公室", "财务科" }, settings = { cooldown_seconds = 0, thank_you_seconds = 2 },
               content = "tests/fixtures" })
  test.frame()
  test.tap("我光盘了")
  test.frame()
  test.tap("财务科")
  test.advance(3)
  test.frame()
  test.tap("我光盘了")
  test.frame()
  test.tap("办公室")
  test.advance(3)
  test.frame()
  test.tap("我光盘了")
  test.frame()
  test.tap("跳过")
  test.advance(3)
  test.frame()
  local logged = test.logged("clean_plate")
  test.eq(#logged, 3)
  test.eq(logged[1].fields.department, "财务科")
  test.eq(logged[3].fields.department, nil)
  -- canteen.toml: 办公室 4 people, 财务科 10: one check-in each → 办公室 leads per person.
  test.ok(test.drawn("1. 办公室"), table.concat(test.texts(), " | "))
  test.ok(test.drawn("1 次 · 人均 0.25"))
  test.ok(test.drawn("2. 财务科"))
  test.ok(test.drawn("连续 1 天"))
end)

-- Checks in for `department` now and lets the thank-you pass.
local function check_in_as(department)
  test.frame()
  test.tap("我光盘了")
  test.frame()
  test.tap(department)
  test.advance(3)
  test.frame()
end

test.case("streaks count consecutive days and a missed day starts again", function()
  test.start({ now = LUNCH, departments = { "办公室", "财务科" }, settings = { cooldown_seconds = 0, thank_you_seconds = 2 } })
  check_in_as("办公室")            -- 24 June
  check_in_as("财务科")
  test.advance(24 * 3600)
  check_in_as("办公室")            -- 25 June
  test.advance(24 * 3600)
  check_in_as("办公室")            -- 26 June
  check_in_as("财务科")            -- 财务科 missed the 25th
  local shown = table.concat(test.texts(), " | ")
  test.ok(test.drawn("连续 3 天"), "办公室: 24, 25 and 26 June")
  test.ok(test.drawn("连续 1 天"), "财务科: only today counts after the gap")
  test.ok(not test.drawn("连续 2 天"), shown)
  test.eq(#test.logged("clean_plate"), 5)
end)

test.case("the canteen's food waste from the feed, per person, and nothing without a scale", function()
  local function snapshot(food_waste)
    return { meta = { building = "500231A013" },
             buildings = { { id = "500231A013", occupants = 200, food_waste = food_waste } } }
  end
  test.start({ now = LUNCH })
  test.set_data(snapshot({ today_kg = 7.2, month_kg = 151.3, ytd_kg = 900 }))
  test.frame()
  test.ok(test.drawn("食堂今日餐厨垃圾 7.2 千克 · 人均 36 克"), table.concat(test.texts(), " | "))
  test.set_data(snapshot({ today_kg = 0, month_kg = 151.3, ytd_kg = 900 }))
  test.frame()
  test.ok(test.drawn("食堂本月餐厨垃圾 151 千克"), "before today's lunch is weighed: the month")
  test.set_data(snapshot(nil))
  test.frame()
  local shown = table.concat(test.texts(), " | ")
  test.ok(shown:find("餐厨垃圾") == nil, "no scale in the feed: no line, " .. shown)
end)
