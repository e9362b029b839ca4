-- phase: frame
-- expect: CPU limit
local P = {}
function P.frame() while true do xpcall(function() while true do end end, function(e) return e end) end end
return P
