#!/usr/bin/Rscript
# Weighted answer shares of a likert question, for the likert chart of a weighted survey
# (tests/render/likert-weighted.test.ts), computed with R's survey package -- never with this project's code.
#
# Regenerate (from the repository root; Debian packages r-base-core r-cran-survey r-cran-jsonlite):
#     Rscript tests/reference/likert_weighted_reference.R > tests/reference/likert-weighted-reference.json
#
# Data: tests/reference/weighting-data.csv (written by weighting_reference.R), as the codebook
# tests/fixtures/weighting/survey.yaml weights it: design weights w, raked to industry and gender to convergence,
#   d <- read.csv("tests/reference/weighting-data.csv")
#   rake(svydesign(ids = ~1, weights = ~w, data = d), list(~industry, ~gender), list(pop_industry, pop_gender),
#        control = list(maxit = 100, epsilon = 1e-10))
# then svymean(~factor(sat, levels = 1:5), design, na.rm = TRUE): the share of each answer 1..5 among those who
# answered; and the unweighted shares, prop.table(table(factor(sat, levels = 1:5))).
suppressPackageStartupMessages({ library(survey); library(jsonlite) })
d <- read.csv("tests/reference/weighting-data.csv")
N <- 100000
pop_industry <- data.frame(industry = c("finance", "tech", "other"), Freq = N * c(0.06, 0.24, 0.70))
pop_gender <- data.frame(gender = c("male", "female"), Freq = N * c(0.51, 0.49))
design <- rake(svydesign(ids = ~1, weights = ~w, data = d), list(~industry, ~gender), list(pop_industry, pop_gender),
               control = list(maxit = 100, epsilon = 1e-10))
d$satf <- factor(d$sat, levels = 1:5)
design <- update(design, satf = factor(sat, levels = 1:5))
weighted <- svymean(~satf, design, na.rm = TRUE)
unweighted <- prop.table(table(d$satf))
cat(toJSON(list(weighted = unname(as.numeric(coef(weighted))), unweighted = unname(as.numeric(unweighted)),
                n = sum(!is.na(d$sat)), versions = list(R = R.version.string, survey = as.character(packageVersion("survey")))),
           auto_unbox = TRUE, digits = NA, pretty = TRUE))
cat("\n")
