i18n.t("a.b", {n = 1}) -- i18n.t("c")
[[i18n.t("d")]] i18n.t "e" i18n.t('f')