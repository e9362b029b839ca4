Lpcall(participation.log, "answer", {choice = string.sub("有时", 1, 2)})
pcall(store.set, "k", {name = "\xff"})
