-- phase: frame
-- expect: store.set('k'): field 'name' is not valid UTF-8 text
local P = {}
function P.frame() store.set("k", { name = string.sub("有时会", 1, 2) }) end
return P
