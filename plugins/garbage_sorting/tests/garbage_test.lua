-- Run with: ecolobby plugin test plugins/garbage_sorting
-- The items come in a random order, so each case finds the item on screen by its name and
-- answers from this table: the test's own statement of where each item belongs.

local BIN_OF = {
  ["旧报纸"] = "可回收物", ["塑料饮料瓶"] = "可回收物", ["易拉罐"] = "可回收物", ["快递纸箱"] = "可回收物",
  ["玻璃瓶"] = "可回收物",
  ["废电池"] = "有害垃圾", ["废荧光灯管"] = "有害垃圾", ["过期药品"] = "有害垃圾", ["水银温度计"] = "有害垃圾",
  ["剩饭剩菜"] = "厨余垃圾", ["香蕉皮"] = "厨余垃圾", ["苹果核"] = "厨余垃圾", ["茶叶渣"] = "厨余垃圾",
  ["用过的纸巾"] = "其他垃圾", ["烟头"] = "其他垃圾", ["陶瓷杯碎片"] = "其他垃圾", ["一次性筷子"] = "其他垃圾",
}
local BINS = { "可回收物", "有害垃圾", "厨余垃圾", "其他垃圾" }

local function shown() return table.concat(test.texts(), " | ") end

-- The item on screen: exactly one of the known names is drawn.
local function current_item()
  local found = nil
  for name in pairs(BIN_OF) do
    if test.drawn(name) then
      test.eq(found, nil, "only one item on screen: " .. shown())
      found = name
    end
  end
  test.ok(found ~= nil, "an item is on screen: " .. shown())
  return found
end

local function a_wrong_bin(name)
  for _, b in ipairs(BINS) do
    if b ~= BIN_OF[name] then return b end
  end
end

-- Sorts the current item into the right bin (or a wrong one), returns its name.
local function sort(right)
  local name = current_item()
  test.tap(right and BIN_OF[name] or a_wrong_bin(name))
  test.frame()
  return name
end

local function start_round(options)
  test.start(options or {})
  test.frame()
  test.tap("开始分类")
  test.frame()
end

test.case("the start page teaches an item and its bin, with a picture, without a tap", function()
  test.frame()
  test.ok(test.drawn("垃圾分类小游戏"), "title")
  test.ok(test.drawn("5 件物品 · 约半分钟 · 匿名参与"), shown())
  test.ok(test.drawn("今日已有 0 人完成挑战"), shown())
  test.ok(test.drawn("还没有成绩，来当第一名！"))
  local first = current_item()
  test.ok(test.drawn("它该投进：" .. BIN_OF[first]), shown())
  test.advance(4.5)                                   -- the example changes by itself
  test.ok(current_item() ~= first, "another example after a few seconds")
  test.eq(test.error(), nil)
end)

-- A key missing from both locale files is drawn as the key itself ("item.can.why"); one missing
-- from en.toml only falls back to the Chinese text, so in English no Chinese character may show.
local function no_raw_keys(language)
  for _, t in ipairs(test.texts()) do
    test.ok(not (t:find("^item%.") or t:find("^bin%.") or t:find("^garbage%.")), "a raw locale key on screen: " .. t)
    if language == "en" then test.ok(not t:find("[\228-\233][\128-\191][\128-\191]"), "Chinese in English: " .. t) end
  end
end

-- Plays rounds of 12 until every item has been sorted once, checking each verdict's texts.
local function play_every_item(language)
  test.start({ language = language, settings = { items_per_round = 12, feedback_seconds = 30 } })
  test.frame()
  local seen, n = {}, 0
  for _ = 1, 10 do
    test.tap(language == "en" and "Start sorting" or "开始分类")
    test.frame()
    for _ = 1, 12 do
      no_raw_keys(language)
      test.tap("bin.other")
      test.frame()
      no_raw_keys(language)
      if language ~= "en" then
        local name = current_item()
        if not seen[name] then seen[name], n = true, n + 1 end
      end
      test.tap("next")
      test.frame()
    end
    test.advance(13)                                   -- the result page returns to the start page
    test.frame()
    if n == 17 or language == "en" then break end
  end
  return n
end

test.case("every item's name and reason exist in both languages (no raw keys on screen)", function()
  test.eq(play_every_item("zh-CN"), 17, "all 17 items came up within ten rounds")
  play_every_item("en")
  test.eq(test.error(), nil)
end)

test.case("a right answer: 答对了, the reason, the score goes up", function()
  start_round()
  test.ok(test.drawn("第 1 件 / 共 5 件"), shown())
  test.ok(test.drawn("这件该投进哪个桶？"))
  test.eq(#test.widgets(), 4, "four bins to tap")
  sort(true)
  test.ok(test.drawn("答对了！"), shown())
  test.ok(test.drawn("您分对了 1 / 5 件"), "score shown during the round: " .. shown())
  test.ok(test.drawn("下一件"))
end)

test.case("a wrong answer names the correct bin and says why", function()
  start_round()
  local name = sort(false)
  test.ok(test.drawn("不对，应投入" .. BIN_OF[name]), shown())
  test.ok(test.drawn("您分对了 0 / 5 件"), shown())
  local texts = test.texts()
  local why = false
  for _, t in ipairs(texts) do
    if t ~= name and t:find("。$") then why = true end   -- the one-line reason is a sentence
  end
  test.ok(why, "a reason is shown: " .. shown())
  test.tap("其他垃圾")                                   -- taps on bins after the answer change nothing
  test.frame()
  test.ok(test.drawn("您分对了 0 / 5 件"), shown())
end)

test.case("a full round: score, one anonymous record, the start page counts it", function()
  start_round()
  sort(true)
  for _ = 2, 5 do
    test.tap("下一件")
    test.frame()
    sort(_ ~= 3)                                         -- item 3 wrong
  end
  test.eq(#test.logged("garbage_round"), 0, "nothing logged before the round ends")
  test.tap("看成绩")
  test.frame()
  test.ok(test.drawn("您分对了 4 / 5 件"), shown())
  test.ok(test.drawn("4 / 5"))
  test.ok(test.drawn("感谢参与！垃圾分类，从身边做起。"))
  local rounds = test.logged("garbage_round")
  test.eq(#rounds, 1, "one record per round")
  test.eq(rounds[1].fields.score, 4)
  test.eq(rounds[1].fields.total, 5)
  test.eq(rounds[1].fields.department, nil, "no departments configured: none recorded")
  test.advance(13)
  test.frame()
  test.ok(test.drawn("开始分类"), "back to the start page")
  test.ok(test.drawn("今日已有 1 人完成挑战"), shown())
  test.eq(#test.logged("garbage_round"), 1, "still one record")
end)

test.case("the verdict moves on by itself after feedback_seconds", function()
  start_round({ settings = { items_per_round = 2, feedback_seconds = 3 } })
  test.ok(test.drawn("第 1 件 / 共 2 件"), shown())
  sort(true)
  test.advance(3.5)
  test.ok(test.drawn("第 2 件 / 共 2 件"), shown())
  sort(true)
  test.advance(3.5)
  test.ok(test.drawn("您分对了 2 / 2 件"), shown())
  test.eq(#test.logged("garbage_round"), 1)
end)

test.case("departments: optional, recorded, averaged at the end", function()
  start_round({ departments = { "办公室", "财务科" }, settings = { items_per_round = 2 } })
  test.ok(test.drawn("请选择您的部门（可跳过）"), shown())
  test.tap("财务科")
  test.frame()
  sort(true)
  test.tap("下一件")
  test.frame()
  sort(false)
  test.tap("看成绩")
  test.frame()
  test.eq(test.logged("garbage_round")[1].fields.department, "财务科")
  test.ok(test.drawn("各部门平均得分"), shown())
  test.ok(test.drawn("财务科"), "the department in the averages: " .. shown())
  test.tap("再玩一轮")
  test.frame()
  test.ok(test.drawn("第 1 件 / 共 2 件"), "again keeps the department: " .. shown())
end)

test.case("idle mid-round drops the round without a record", function()
  start_round()
  sort(true)
  test.tap("下一件")
  test.frame()
  test.advance(31)
  test.frame()
  test.ok(test.drawn("开始分类"), "start page again")
  test.eq(#test.logged("garbage_round"), 0)
end)

test.case("leaving mid-round records nothing", function()
  start_round()
  sort(true)
  test.leave()
  test.eq(#test.logged("garbage_round"), 0)
end)

test.case("English", function()
  test.start({ language = "en" })
  test.frame()
  test.ok(test.drawn("Garbage-sorting game"), shown())
  test.tap("Start sorting")
  test.frame()
  test.ok(test.drawn("Item 1 of 5"), shown())
  test.ok(test.drawn("Which bin does it go in?"))
  for _, label in ipairs({ "Recyclables", "Hazardous waste", "Kitchen waste", "Other waste" }) do
    test.ok(test.drawn(label), label)
  end
  test.tap("Other waste")
  test.frame()
  test.ok(test.drawn("Right!") or shown():find("Not quite: it goes in ") ~= nil, shown())
end)
