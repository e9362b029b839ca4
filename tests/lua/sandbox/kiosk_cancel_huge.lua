-- phase: frame
-- expect: kiosk.cancel: id must be an integer from
local P = {}
function P.frame() kiosk.cancel(1e300) end
return P
