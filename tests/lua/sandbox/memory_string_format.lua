-- phase: frame
-- expect: MB
local P = {}
function P.frame()
  local big = string.rep('x', 1500000)
  local s = string.format('%s%s%s', big, big, big)
end
return P
