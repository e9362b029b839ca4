-- phase: frame
-- expect: store.set: key is not valid UTF-8 text
local P = {}
function P.frame() store.set("\xE6", 1) end
return P
