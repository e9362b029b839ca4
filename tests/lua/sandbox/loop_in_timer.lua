-- phase: frame
-- expect: CPU limit
local P = {}
function P.enter() kiosk.every(0.05, function() while true do end end) end
function P.frame() end
return P
