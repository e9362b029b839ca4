-- phase: frame
-- expect: store.set('k'): the value is not valid UTF-8 text
local P = {}
function P.frame() store.set("k", "\xF0\x9F") end
return P
