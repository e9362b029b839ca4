-- phase: load
-- expect: kiosk.every: a plugin can have at most 64 timers at once
local P = {}
function P.load() for i = 1, 3000 do kiosk.every(0.05, function() end) end end
return P
