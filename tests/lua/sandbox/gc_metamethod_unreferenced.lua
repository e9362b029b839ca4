-- phase: frame
-- expect: setmetatable: __gc metamethods are not allowed in plugins
local P = {}
function P.frame() setmetatable({}, { __gc = function() while true do end end }) end
return P
