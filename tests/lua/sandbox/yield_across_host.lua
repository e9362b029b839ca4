-- phase: frame
-- expect: attempt to yield from outside a coroutine
local P = {}
function P.frame() coroutine.yield(1) end
return P
