-- phase: frame
-- expect: memory limit
-- frame_ms: 2000
local P = {}
function P.frame() local s = 'xy' while true do s = s .. s end end
return P
