-- phase: frame
-- expect: os.date: time must be an integer from
local P = {}
function P.frame() os.date("%c", math.maxinteger) end
return P
