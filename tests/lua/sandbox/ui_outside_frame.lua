-- phase: load
-- expect: can only be called while drawing
local P = {}
function P.load() ui.text('hello', 0, 0) end
return P
