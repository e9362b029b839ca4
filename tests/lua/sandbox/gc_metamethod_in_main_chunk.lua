-- phase: load
-- expect: setmetatable: __gc metamethods are not allowed in plugins
KEEP = setmetatable({}, { __gc = true })
return {}
