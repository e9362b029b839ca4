-- Run with: ecolobby plugin test plugins/tips (reads the bundled content/tips.toml)

test.case("shows the first tip with its examples", function()
  test.frame()
  test.ok(test.drawn("可回收物"))
  test.ok(test.drawn("例如：废纸、塑料瓶、易拉罐、玻璃瓶、旧衣物"), table.concat(test.texts(), " | "))
end)

test.case("turns to the next tip on its timer and covers the four garbage categories", function()
  local seen = {}
  for _ = 1, 4 do
    test.frame()
    for _, t in ipairs(test.texts()) do seen[t] = true end
    test.advance(7)
  end
  for _, c in ipairs({ "可回收物", "有害垃圾", "厨余垃圾", "其他垃圾" }) do test.ok(seen[c], c) end
end)

test.case("the next visit starts with the next tip", function()
  test.frame()
  test.leave()
  test.enter()
  test.frame()
  test.ok(test.drawn("有害垃圾"))
end)

test.case("English", function()
  test.start({ language = "en" })
  test.frame()
  test.ok(test.drawn("Recyclables"))
  test.ok(test.drawn("For example: paper, plastic bottles, cans, glass bottles, old clothes"), table.concat(test.texts(), " | "))
end)

test.case("a missing tips file shows a notice", function()
  test.start({ content = "tests" })
  test.frame()
  test.ok(test.drawn("小贴士暂时无法显示"))
end)
