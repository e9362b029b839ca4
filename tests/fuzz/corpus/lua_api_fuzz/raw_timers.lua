Lfor i = 1, 100 do pcall(kiosk.every, 0.05, function() local x = 0 for j = 1, 1e5 do x = x + j end end) end
