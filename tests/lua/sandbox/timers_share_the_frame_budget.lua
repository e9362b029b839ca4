-- phase: frame
-- expect: CPU limit
-- 64 timers (the cap), each well under the budget alone, cannot multiply it.
local P = {}
function P.load()
  for i = 1, 64 do kiosk.every(0.05, function() local x = 0 for j = 1, 200000 do x = x + j end end) end
end
function P.frame() end
return P
