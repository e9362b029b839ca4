-- phase: frame
-- expect: memory limit
local P = {}
function P.frame() local s = 'xy' while true do s = s .. s end end
return P
