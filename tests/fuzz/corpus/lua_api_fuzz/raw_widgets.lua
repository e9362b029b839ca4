Lui.button("ok", 0, 0, 40, 40, {label = "好"})
ui.choice("c", {"a", "b"}, 0, 0, 200, {selected = 1e300})
ui.bar_chart(0, 0, 100, 100, {1, 0/0, 3}, {labels = {"a", 1}})
ui.number(1e308, "kWh", 0, 0, {decimals = 0/0})
