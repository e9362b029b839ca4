-- phase: frame
-- expect: (error object is not a string)
local P = {}
function P.frame() error(setmetatable({}, { __tostring = function() while true do end end })) end
return P
