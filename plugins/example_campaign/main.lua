-- 示例活动插件：一道单选题，记录匿名参与，展示今日人数。
-- Example campaign: one question, anonymous participation, today's count.
-- Every API table appears once: ui, data, participation, store, i18n, clock, log, random, kiosk.

local plugin = {}

local answers = { "always", "sometimes", "never" }
local state = { phase = "ask", thanked_at = 0, shown = 0 }

function plugin.load(ctx)
  log.info("loaded version " .. ctx.version .. " in " .. ctx.language)
  state.shown = store.get("times_shown", 0)      -- persists across restarts
end

function plugin.enter()
  state.phase = "ask"
  state.shown = state.shown + 1
  store.set("times_shown", state.shown)
  -- A different greeting colour each time keeps the slide lively (seeded: tests are repeatable).
  state.accent = random.choice({ "accent", "warm" })
  -- The latest figures may already be there (on_data also delivers every new snapshot).
  local snapshot = data.snapshot()
  if snapshot then plugin.on_data(snapshot) end
end

function plugin.on_data(snapshot)
  state.kwh = snapshot.total and snapshot.total.ytd and snapshot.total.ytd.electricity_kwh
end

local function ask()
  ui.text(i18n.t(settings.question_key), ui.width / 2, 200,
          { size = 64, bold = true, align = "center", width = 1500, color = state.accent })
  local picked = ui.choice("answer", { i18n.t("poll.always"), i18n.t("poll.sometimes"), i18n.t("poll.never") },
                           560, 400, 800, { row_h = 120 })
  ui.text(i18n.t("poll.tap"), ui.width / 2, 850, { size = 32, align = "center", color = "muted" })
  if picked then
    kiosk.focus()                                   -- keep the screen while we say thank you
    participation.log("answer", { choice = answers[picked] })
    state.phase = "thanks"
    state.thanked_at = clock.seconds()
    kiosk.after(settings.thank_you_seconds, function()
      state.phase = "ask"
      kiosk.release()                               -- back to the rotation
    end)
  end
end

local function thanks()
  local t = math.min(1, (clock.seconds() - state.thanked_at) / 0.6)
  ui.fade(ui.tween(0, 1, t))
  if t < 1 then kiosk.animate() end
  ui.text(i18n.t("poll.thanks", { count = participation.today("answer") }), ui.width / 2, 420,
          { size = 64, bold = true, align = "center", width = 1500 })
  ui.fade(1)
end

function plugin.frame(dt)
  ui.panel(80, 80, ui.width - 160, ui.height - 160, { color = "panel" })
  if state.phase == "ask" then ask() else thanks() end
  local today = participation.today("answer")
  ui.progress(160, 960, 700, 24, math.min(1, today / 50))
  ui.text(i18n.t("poll.today", { count = today }), 900, 942, { size = 32 })
  ui.text(i18n.t("poll.streak", { days = participation.streak("answer") }), 1400, 942, { size = 32, color = "muted" })
  if state.kwh then
    ui.text(i18n.t("poll.saving", { kwh = math.floor(state.kwh) }), 160, 110, { size = 28, color = "muted" })
  end
  ui.text(clock.now().date, ui.width - 160, 110, { size = 28, align = "right", color = "muted" })
end

return plugin
