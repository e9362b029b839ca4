-- phase: frame
-- expect: CPU limit
local P = {}
function P.frame()
  local ok = coroutine.resume(coroutine.create(function()
    return ("a"):rep(40):find(("a*"):rep(40) .. "b")
  end))
  while true do end
end
return P
