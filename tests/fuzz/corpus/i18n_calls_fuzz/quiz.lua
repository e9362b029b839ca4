-- 节能宣传周知识竞答：每轮从题库随机抽题，大按钮作答，即时反馈与解析，最后显示得分。
-- Energy-saving week quiz: random questions from the content's bank, big touch answers,
-- immediate feedback with the explanation and its source, a score and a thank-you.
-- Logged anonymously: quiz_start, quiz_answer (each), quiz_finish or quiz_abandon (idle).

local plugin = {}
local bank = nil          -- list of questions, or nil when the bank cannot be read
local bank_problem = nil
local round = nil         -- the round in progress, nil on the start page
local phase = "attract"   -- attract | department | question | feedback | result

-- The text of a {zh-CN = …, en = …} field in the screen's language.
local function tr(field)
  if type(field) ~= "table" then return field or "" end
  return field[i18n.language] or field["zh-CN"] or ""
end

-- Keeps only well-formed questions, so one broken entry never stops the quiz.
local function usable(q)
  local opts = type(q.options) == "table" and q.options["zh-CN"]
  return type(q.id) == "string" and type(q.question) == "table" and type(opts) == "table" and #opts >= 2
    and math.type(q.answer) == "integer" and q.answer >= 1 and q.answer <= #opts
end

function plugin.load(ctx)
  local data, problem = content.read(settings.bank)
  if not data then
    bank_problem = problem
    log.warn("question bank unavailable: " .. tostring(problem))
    return
  end
  bank = {}
  for _, q in ipairs(data.question or {}) do
    if usable(q) then bank[#bank + 1] = q else log.warn("question bank: skipping a malformed question " .. tostring(q.id)) end
  end
  if #bank == 0 then
    bank, bank_problem = nil, settings.bank .. ": no usable questions"
    log.warn(bank_problem)
  end
end

local function now() return clock.seconds() end

-- Every tap that moves the quiz on also keeps the round alive.
local function start_round(department)
  local order = {}
  for i = 1, #bank do order[i] = i end
  random.shuffle(order)
  local n = math.min(settings.questions_per_round, #bank)
  local picked = {}
  for i = 1, n do picked[i] = bank[order[i]] end
  round = { questions = picked, index = 1, score = 0, department = department, last_tap = now() }
  participation.log("quiz_start", { department = department })
  phase = "question"
end

local function abandon(reason)
  if round and phase ~= "result" then
    participation.log("quiz_abandon", { department = round.department, reason = reason, score = round.score })
  end
  round = nil
  phase = "attract"
end

local function finish()
  participation.log("quiz_finish", { department = round.department, score = round.score })
  phase = "result"
  round.finished_at = now()
end

function plugin.enter()
  round = nil
  phase = "attract"
end

-- Leaving mid-round (idle timeout, rotation) counts as abandoning it.
function plugin.leave()
  abandon("left")
end

local function draw_attract()
  local w, h = ui.width, ui.height
  local portrait = h > w
  -- During a campaign the quiz wears its theme: the campaign's name, slogan and colour on top.
  local campaign = kiosk.campaign()
  if campaign then
    local line = campaign.slogan ~= "" and (campaign.name .. " · " .. campaign.slogan) or campaign.name
    ui.text(line, w / 2, portrait and 120 or 56,
            { size = 36, bold = true, align = "center", width = w - 160, color = campaign.accent or "accent" })
  end
  ui.text(i18n.t("quiz.title"), w / 2, portrait and 220 or 140,
          { size = 80, bold = true, align = "center", width = w - 160, color = campaign and campaign.accent or "accent" })
  ui.text(i18n.t("quiz.subtitle", { n = math.min(settings.questions_per_round, bank and #bank or 0) }), w / 2,
          portrait and 360 or 260, { size = 40, align = "center", color = "muted", width = w - 160 })
  if not bank then
    ui.text(i18n.t("quiz.unavailable"), w / 2, h / 2, { size = 48, align = "center", color = "warm", width = w - 200 })
    return
  end
  local bw, bh = 640, 150
  if ui.button("start", (w - bw) / 2, portrait and 520 or 360, bw, bh, { label = i18n.t("quiz.start"), size = 56 }) then
    kiosk.focus()
    if #kiosk.departments > 0 then
      phase = "department"
      round = { last_tap = now() }
    else
      start_round(nil)
    end
  end
  local top = portrait and 780 or 580
  ui.text(i18n.t("quiz.today", { count = participation.today("quiz_finish") }), w / 2, top,
          { size = 40, align = "center", bold = true })
  local board = participation.leaderboard({ kind = "quiz_finish", by = "department", field = "score", average = true, n = 5 })
  ui.text(i18n.t("quiz.departments"), w / 2, top + 80, { size = 32, align = "center", color = "muted" })
  if #board == 0 then
    ui.text(i18n.t("quiz.no_scores"), w / 2, top + 140, { size = 32, align = "center", color = "muted" })
  end
  local labels, values = {}, {}
  for i, row in ipairs(board) do
    labels[i] = row.key
    values[i] = row.value
  end
  if #values > 0 then
    ui.bar_chart(w / 2 - 500, top + 130, 1000, portrait and 520 or 300, values,
                 { labels = labels, max = settings.questions_per_round, color = "accent" })
  end
end

local function draw_department()
  local w = ui.width
  ui.text(i18n.t("quiz.choose_department"), w / 2, 140, { size = 56, bold = true, align = "center", width = w - 160 })
  local list = {}
  for i, d in ipairs(kiosk.departments) do list[i] = d end
  -- Pages (with ‹ › and swipes) when the departments do not fit above the skip button.
  local picked = ui.choice("department", list, (w - 900) / 2, 260, 900, { row_h = 110, gap = 18, h = ui.height - 260 - 250 })
  if picked then
    start_round(list[picked])
    return
  end
  if ui.button("skip", (w - 400) / 2, ui.height - 220, 400, 110, { label = i18n.t("quiz.skip"), size = 40 }) then
    start_round(nil)
  end
end

local function draw_question()
  local w, h = ui.width, ui.height
  local q = round.questions[round.index]
  local n = #round.questions
  ui.text(i18n.t("quiz.progress", { i = round.index, n = n }), 120, 70, { size = 32, color = "muted" })
  ui.progress(120, 120, w - 240, 14, (round.index - 1) / n)
  ui.text(tr(q.question), w / 2, 180, { size = 56, bold = true, align = "center", width = w - 240 })
  local picked = ui.choice("answer", q.options[i18n.language] or q.options["zh-CN"], 200, h > w and 560 or 400, w - 400,
                           { row_h = 120, gap = 22 })
  if picked then
    round.last_tap = now()
    round.picked = picked
    round.correct = picked == q.answer
    if round.correct then round.score = round.score + 1 end
    participation.log("quiz_answer", { department = round.department, question = q.id, correct = round.correct and 1 or 0 })
    phase = "feedback"
  end
end

local function draw_feedback()
  local w, h = ui.width, ui.height
  local q = round.questions[round.index]
  local options = q.options[i18n.language] or q.options["zh-CN"]
  local ok = round.correct
  ui.text(ok and i18n.t("quiz.correct") or i18n.t("quiz.wrong", { answer = options[q.answer] }), w / 2, 150,
          { size = 64, bold = true, align = "center", width = w - 240, color = ok and "accent" or "warm" })
  ui.panel(160, 300, w - 320, h > w and 900 or 460, { color = "panel" })
  ui.text(tr(q.explanation), 220, 350, { size = 40, width = w - 440 })
  ui.text(i18n.t("quiz.source", { source = q.source or "" }), 220, h > w and 1100 or 680, { size = 28, color = "muted", width = w - 440 })
  local last = round.index >= #round.questions
  if ui.button("next", (w - 560) / 2, h - 230, 560, 130, { label = last and i18n.t("quiz.finish") or i18n.t("quiz.next"), size = 48 }) then
    round.last_tap = now()
    if last then finish() else
      round.index = round.index + 1
      phase = "question"
    end
  end
end

local function draw_result()
  local w, h = ui.width, ui.height
  local n = #round.questions
  ui.ring(w / 2, h > w and 560 or 330, 150, round.score / n, { color = "accent" })
  ui.text(i18n.t("quiz.points", { score = round.score }), w / 2, h > w and 530 or 300, { size = 56, bold = true, align = "center" })
  ui.text(i18n.t("quiz.score", { score = round.score, n = n }), w / 2, h > w and 800 or 540,
          { size = 56, bold = true, align = "center", width = w - 200 })
  ui.text(i18n.t("quiz.thanks"), w / 2, h > w and 920 or 640, { size = 40, align = "center", color = "muted", width = w - 240 })
  if ui.button("again", (w - 480) / 2, h - 240, 480, 120, { label = i18n.t("quiz.again"), size = 44 }) then
    start_round(round.department)
    return
  end
  if now() - round.finished_at >= settings.result_seconds then
    round, phase = nil, "attract"
    kiosk.release()
  end
end

function plugin.frame(dt)
  if phase ~= "attract" and round then
    if phase ~= "result" and now() - round.last_tap >= settings.idle_seconds then
      abandon("idle")
      kiosk.release()
    end
  end
  if phase == "attract" then draw_attract()
  elseif phase == "department" then draw_department()
  elseif phase == "question" then draw_question()
  elseif phase == "feedback" then draw_feedback()
  else draw_result() end
end

return plugin
