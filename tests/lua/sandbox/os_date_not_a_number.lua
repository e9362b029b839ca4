-- phase: frame
-- expect: os.date: time must be an integer, got string
local P = {}
function P.frame() os.date("%c", "not a number") end
return P
