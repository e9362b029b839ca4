Lui.text("x", 10, 10, {color = {0/0, 0, 0}})
pcall(participation.count, "answer", math.mininteger)
pcall(os.date, "%c", math.maxinteger)
