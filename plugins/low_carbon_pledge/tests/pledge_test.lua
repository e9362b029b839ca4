-- Run with: ecolobby plugin test plugins/low_carbon_pledge (reads the bundled content/pledges.toml)

-- Taps each label in turn, with the frame that answers each tap.
local function tap_through(...)
  for _, label in ipairs({ ... }) do
    test.tap(label)
    test.frame()
  end
end

test.case("the wall offers the pledges and counts today's", function()
  test.frame()
  test.ok(test.drawn("全国低碳日 · 我承诺"))
  test.ok(test.drawn("空调夏季不低于26℃"))
  test.ok(test.drawn("今日承诺墙 · 共 0 项承诺"))
end)

test.case("choosing several pledges logs one event each and the wall grows", function()
  test.frame()
  tap_through("空调夏季不低于26℃",
              "双面打印", "双面打印",  -- changed my mind
              "随手关灯", "提交承诺")
  local logged = test.logged("pledge")
  test.eq(#logged, 2)
  test.eq(logged[1].fields.pledge, "ac26")
  test.eq(logged[2].fields.pledge, "lights")
  test.ok(test.drawn("谢谢您的低碳承诺！"))
  test.advance(7)
  test.frame()
  test.ok(test.drawn("今日承诺墙 · 共 2 项承诺"), table.concat(test.texts(), " | "))
  test.ok(test.drawn("累计 1 项"))
end)

test.case("green travel: km by bike against driving, with the factor shown", function()
  test.frame()
  tap_through("我今天绿色出行", "mode.bike", "km.5")
  -- 5 km × 8 L/100 km × 0.725 kg/L × 2.9251 = 0.848 kg
  test.ok(test.drawn("比开车少排放约 0.85 千克二氧化碳"), table.concat(test.texts(), " | "))
  test.ok(test.drawn("系数：按小汽车百公里油耗8升、汽油密度0.725千克/升、排放因子2.9251千克CO₂/千克估算"))
  test.tap("submit_trip")
  test.frame()
  local trip = test.logged("green_trip")[1].fields
  test.eq(trip.mode, "bike")
  test.eq(trip.km, 5)
  test.eq(trip.co2_g, 848)
end)

test.case("by bus the bus's own share is subtracted", function()
  test.frame()
  tap_through("我今天绿色出行", "mode.bus", "km.10")
  -- 10 × (0.16961 − 0.03) = 1.40 kg
  test.ok(test.drawn("比开车少排放约 1.40 千克二氧化碳"), table.concat(test.texts(), " | "))
end)

test.case("without pledges.toml a notice, no error", function()
  test.start({ content = "tests" })
  test.frame()
  test.ok(test.drawn("承诺内容暂时无法显示"))
  test.eq(test.error(), nil)
end)
