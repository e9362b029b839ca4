-- phase: frame
-- expect: setmetatable: __gc metamethods are not allowed in plugins
local P = {}
function P.frame() KEEP = setmetatable({}, { __gc = function() while true do end end }) end
return P
