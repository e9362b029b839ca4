-- phase: load
-- expect: CPU limit
-- The same while loading: the load budget stops it.
table.move({}, 1, math.maxinteger - 1, 1, {})
return { frame = function() end }
