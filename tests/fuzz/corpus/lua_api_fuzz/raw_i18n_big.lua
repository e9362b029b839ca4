Lfor i = 1, 20 do i18n.t(i .. string.rep("k", 4096)) end
