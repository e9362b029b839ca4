-- phase: frame
-- expect: cannot change a protected metatable
local P = {}
function P.frame() setmetatable(ui, {}) end
return P
