#!/usr/bin/Rscript
# The figures the key findings of a weighted survey state (tests/report/key-findings.test.ts), computed with R's
# survey package -- never with this project's code.
#
# Regenerate (from the repository root; Debian packages r-base-core r-cran-survey r-cran-jsonlite):
#     Rscript tests/reference/findings_weighted_reference.R > tests/reference/findings-weighted-reference.json
#
# Data: tests/reference/weighting-data.csv (written by weighting_reference.R), as the codebook
# tests/fixtures/weighting/survey.yaml weights it: design weights w, raked to industry and gender to convergence,
#   design <- rake(svydesign(ids = ~1, weights = ~w, data = d), list(~industry, ~gender),
#                  list(pop_industry, pop_gender), control = list(maxit = 100, epsilon = 1e-10))
# - active: svyciprop(~active, design, method = "beta"), and the effective n that interval uses,
#   p(1 - p) / SE^2 * (qt(alpha/2, nrow(design) - 1) / qt(alpha/2, degf(design)))^2, as svyciprop's own code
#   (survey 4.1-1) computes it for method = "beta";
# - each industry against the rest: svychisq(~active + g, design, statistic = "F") with g = (industry == k),
#   p-values adjusted by p.adjust(method = "holm") over the three groups (g set in design$variables); the group's share and interval,
#   svyciprop(~active, subset(design, industry == k), method = "beta").
suppressPackageStartupMessages({ library(survey); library(jsonlite) })
d <- read.csv("tests/reference/weighting-data.csv")
N <- 100000
pop_industry <- data.frame(industry = c("finance", "tech", "other"), Freq = N * c(0.06, 0.24, 0.70))
pop_gender <- data.frame(gender = c("male", "female"), Freq = N * c(0.51, 0.49))
design <- rake(svydesign(ids = ~1, weights = ~w, data = d), list(~industry, ~gender), list(pop_industry, pop_gender),
               control = list(maxit = 100, epsilon = 1e-10))
prop <- function(des) {
  ci <- svyciprop(~active, des, method = "beta", level = 0.95)
  p <- as.numeric(coef(ci))
  se <- as.numeric(SE(ci))
  # As svyciprop(method = "beta") itself computes the n its interval uses.
  n_eff <- p * (1 - p) / se^2 * (qt(0.025, nrow(des) - 1) / qt(0.025, degf(des)))^2
  list(estimate = p, ci = unname(as.numeric(confint(ci))), n = sum(!is.na(des$variables$active)), n_eff = n_eff)
}
groups <- c("finance", "tech", "other")
raw <- setNames(numeric(length(groups)), groups)
for (k in groups) {
  des <- design
  des$variables$g <- factor(des$variables$industry == k)
  raw[[k]] <- unname(svychisq(~active + g, des, statistic = "F")$p.value)
}
adjusted <- p.adjust(raw, method = "holm")
by_industry <- lapply(setNames(groups, groups), function(k) {
  c(prop(subset(design, industry == k))[c("estimate", "ci", "n_eff")], list(n = sum(d$industry == k), p_value = unname(raw[[k]]), p_adjusted = unname(adjusted[[k]])))
})
cat(toJSON(list(
  calls = list(
    design = "rake(svydesign(ids = ~1, weights = ~w, data = d), list(~industry, ~gender), list(pop_industry, pop_gender), control = list(maxit = 100, epsilon = 1e-10))",
    active = "svyciprop(~active, design, method = \"beta\", level = 0.95); n_eff = p(1-p)/SE^2 * (qt(0.025, nrow(design) - 1)/qt(0.025, degf(design)))^2",
    group_test = "svychisq(~active + g, design with g = factor(industry == k), statistic = \"F\")$p.value; p.adjust(method = \"holm\")",
    group_share = "svyciprop(~active, subset(design, industry == k), method = \"beta\", level = 0.95)"
  ),
  active = prop(design),
  by_industry = by_industry,
  versions = list(R = R.version.string, survey = as.character(packageVersion("survey")))),
  auto_unbox = TRUE, digits = NA, pretty = TRUE))
cat("\n")
