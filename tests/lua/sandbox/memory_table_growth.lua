-- phase: frame
-- expect: memory limit
local P = {}
function P.frame() local t = {} for i = 1, 1e9 do t[i] = i end end
return P
