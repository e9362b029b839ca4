-- phase: load
-- expect: syntax error
local P = {}
function P.frame( end
return P
