-- Run with: ecolobby plugin test plugins/energy_dashboard

local function amounts(e, w, g) return { electricity_kwh = e, water_m3 = w, gas_m3 = g } end

local function snapshot(stale)
  local profile = {}
  for i = 1, 40 do profile[i] = 10 + i end   -- 10:00: forty quarter-hours so far
  local b = { id = "500231A013", name = "县机关事务服务中心", stale = stale,
              month = amounts(48210, 612.5, 380), change_pct = { month = amounts(-6.4, 2.5, nil) },
              profile = { step_min = 15, electricity_kwh = profile },
              breakdown = { { code = "01A00", month_kwh = 12000 }, { code = "01B00", month_kwh = 26000 } },
              ytd = { co2_kg = 200000, co2_by_source = { electricity = 160000, natural_gas = 30000, other = 10000 } } }
  return { buildings = { b }, total = { id = "total", name = "全部" },
           meta = { building = "500231A013", updated_at = "09:45" } }
end

local function enter_with(s)
  test.set_data(s)
  test.leave()
  test.enter()
  test.frame()
end

test.case("this screen's building: month against last year with ▲/▼, breakdown and data time", function()
  enter_with(snapshot(false))
  test.ok(test.drawn("能耗看板 · 县机关事务服务中心"), table.concat(test.texts(), " | "))
  test.ok(test.drawn("▼ 6.4%"), "electricity fell")
  test.ok(test.drawn("▲ 2.5%"), "water rose")
  test.ok(test.drawn("无去年数据"), "gas: no base, not 0 %")
  test.ok(test.drawn("空调 26000"))
  test.ok(test.drawn("照明插座 12000"))
  test.ok(test.drawn("数据更新于 09:45"))
  test.ok(not test.drawn("数据未更新"))
end)

test.case("stale data gets the amber badge", function()
  enter_with(snapshot(true))
  test.ok(test.drawn("数据未更新"))
end)

test.case("a feed without sub-meters says so", function()
  local s = snapshot(false)
  s.buildings[1].breakdown = {}
  enter_with(s)
  test.ok(test.drawn("暂无分项计量数据"))
end)

test.case("no building configured: the feed total", function()
  local s = snapshot(false)
  s.meta.building = ""
  enter_with(s)
  test.ok(test.drawn("能耗看板 · 全部单位"), table.concat(test.texts(), " | "))
end)

test.case("missing figures are shown as a dash, never as zero", function()
  local s = snapshot(false)
  s.buildings[1].month = {}
  enter_with(s)
  test.ok(test.drawn("—"))
  test.ok(not test.drawn("0 kWh"))
end)

test.case("this year's CO2 split by source, as shares of the total", function()
  enter_with(snapshot(false))
  test.ok(test.drawn("今年碳排放构成"))
  test.ok(test.drawn("共 200.0 吨"))
  test.ok(test.drawn("80%") and test.drawn("15%") and test.drawn("5%"), table.concat(test.texts(), " | "))
end)
