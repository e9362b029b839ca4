-- phase: frame
-- expect: CPU limit
local P = {}
function P.frame()
  local x <close> = setmetatable({}, { __close = function() while true do end end })
end
return P
