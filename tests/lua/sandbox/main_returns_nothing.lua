-- phase: load
-- expect: must end with `return plugin`
local P = {}
function P.frame() end
