-- phase: frame
-- expect: CPU limit
local P = {}
function P.frame() local co = coroutine.create(function() while true do end end) while true do coroutine.resume(co) end end
return P
