-- phase: frame
-- expect: memory limit
-- frame_ms: 2000
-- (filling 4 MB can take longer than the usual 5 ms on a busy machine; this case is about memory)
local P = {}
function P.frame() local t = {} for i = 1, 1e9 do t[i] = i end end
return P
