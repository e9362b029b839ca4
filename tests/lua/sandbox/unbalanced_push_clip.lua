-- phase: frame
-- expect: none
local P = {}
function P.frame() for i = 1, 10 do ui.push_clip(0, 0, 100, 100) end end
return P
