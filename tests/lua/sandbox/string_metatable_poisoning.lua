-- phase: frame
-- expect: attempt to index a string value
local P = {}
function P.frame() getmetatable('').__index = { len = function() return 0 end } end
return P
