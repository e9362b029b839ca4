-- phase: frame
-- expect: participation.leaderboard: n must be an integer from 0 to 1000
local P = {}
function P.frame() participation.leaderboard({ kind = "answer", n = 1/0 }) end
return P
