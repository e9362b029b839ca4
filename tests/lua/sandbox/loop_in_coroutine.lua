-- phase: frame
-- expect: CPU limit
local P = {}
function P.frame() coroutine.wrap(function() while true do end end)() end
return P
