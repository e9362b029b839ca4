-- phase: frame
-- expect: rawset: this table is read-only
local P = {}
function P.frame() rawset(ui, 'text', print) end
return P
