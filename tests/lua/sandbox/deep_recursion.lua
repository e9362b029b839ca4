-- phase: frame
-- expect: limit
local P = {}
local function f(n) return 1 + f(n + 1) end
function P.frame() f(1) end
return P
