-- phase: load
-- expect: CPU limit
local P = {}
while true do end
return P
