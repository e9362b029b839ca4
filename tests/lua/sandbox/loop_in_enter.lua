-- phase: enter
-- expect: CPU limit
local P = {}
function P.enter() local i = 0 while true do i = i + 1 end end
return P
