-- phase: frame
-- expect: (error object is not a string)
local P = {}
function P.frame() error(setmetatable({}, { __tostring = function() error('boom') end })) end
return P
