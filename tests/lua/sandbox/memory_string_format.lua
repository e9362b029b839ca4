-- phase: frame
-- expect: MB
local P = {}
local big = string.rep('x', 3000000)
function P.frame() local s = string.format('%s%s', big, big) end
return P
