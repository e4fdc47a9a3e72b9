#!/usr/bin/Rscript
# Independent reference values for weighted key-driver analysis (tests/stats/drivers/drivers-weighted.test.ts),
# computed with R -- never with this project's code.
#
# Regenerate (from the repository root; Debian packages r-base-core r-cran-survey r-cran-jsonlite):
#     Rscript tests/reference/drivers_weighted_reference.R > tests/reference/drivers-weighted-reference.json
#
# Data: R's datasets::attitude (30 departments) with two made-up columns, written as
# tests/fixtures/indexes/attitude-weighted/data.csv: a design weight w = 1 + (row mod 4) and a group
# a/b/c (row mod 3). Two weightings, each giving final weights wt:
#   column: wt = w                                   (survey.yaml: weighting.method column)
#   raked:  wt = weights(rake(svydesign(ids = ~1, weights = ~w, data = d), list(~group),
#                list(data.frame(group = c("a", "b", "c"), Freq = c(.2, .3, .5) * sum(d$w)))))
#                                                    (survey-raked.yaml: raked to those shares, on top of w)
# Then, for outcome rating and drivers complaints, privileges, learning, raises, critical, advance:
# * r2: summary(lm(rating ~ ., weights = wt))$r.squared; LMG: the same over every subset, each driver's
#   sum over S without j of |S|! (p - |S| - 1)! / p! * (R²(S + j) - R²(S));
# * beta: coef(lm(rating ~ drivers, weights = wt)) times sd_w(x) / sd_w(y), sd_w from cov.wt(, wt);
# * johnson: with R = cov.wt(, wt, cor = TRUE)$cor, e = eigen(Rxx), L = e$vectors %*% diag(sqrt(e$values))
#   %*% t(e$vectors), b = solve(L, rxy), weights (L^2) %*% b^2;
# * pearson: R[1, j]; spearman: the weighted correlation (cov.wt) of weighted mid-ranks, a value's rank being
#   the weight below it plus half the weight of its ties; neff = sum(wt)^2 / sum(wt^2) (Kish);
#   intervals tanh(atanh(r) -/+ qnorm(.975) * se), se = 1 / sqrt(neff - 3) (Pearson),
#   sqrt((1 + r^2 / 2) / (neff - 3)) (Spearman, Bonett and Wright 2000).
suppressPackageStartupMessages({ library(survey); library(jsonlite) })

d <- attitude
d$w <- 1 + (seq_len(nrow(d)) %% 4)
d$group <- c("a", "b", "c")[1 + (seq_len(nrow(d)) %% 3)]
write.csv(d, "tests/fixtures/indexes/attitude-weighted/data.csv", row.names = FALSE)

drivers <- c("complaints", "privileges", "learning", "raises", "critical", "advance")
p <- length(drivers)
midrank <- function(x, wt) sapply(x, function(v) sum(wt[x < v]) + sum(wt[x == v]) / 2)
fisher <- function(r, n, spearman) {
  se <- sqrt((if (spearman) 1 + r^2 / 2 else 1) / (n - 3))
  tanh(atanh(r) + c(-1, 1) * qnorm(.975) * se)
}

analyse <- function(wt) {
  d$wt <- wt
  r2 <- function(set) if (length(set) == 0) 0 else summary(lm(reformulate(set, "rating"), data = d, weights = wt))$r.squared
  lmg <- sapply(drivers, function(j) {
    others <- setdiff(drivers, j); total <- 0
    for (size in 0:(p - 1)) {
      sets <- if (size == 0) list(character(0)) else combn(others, size, simplify = FALSE)
      k <- factorial(size) * factorial(p - size - 1) / factorial(p)
      for (s in sets) total <- total + k * (r2(c(s, j)) - r2(s))
    }
    total
  })
  m <- as.matrix(d[, c("rating", drivers)])
  cw <- cov.wt(m, wt = wt, cor = TRUE)
  sdw <- sqrt(diag(cw$cov))
  b <- coef(lm(reformulate(drivers, "rating"), data = d, weights = wt))[drivers]
  R <- cw$cor
  e <- eigen(R[-1, -1], symmetric = TRUE)
  L <- e$vectors %*% diag(sqrt(e$values)) %*% t(e$vectors)
  bj <- solve(L, R[-1, 1])
  ranks <- apply(m, 2, midrank, wt = wt)
  rs <- cov.wt(ranks, wt = wt, cor = TRUE)$cor
  neff <- sum(wt)^2 / sum(wt^2)
  list(weights = wt, r2 = r2(drivers), lmg = unname(lmg), beta = unname(b * sdw[drivers] / sdw[["rating"]]),
       johnson = as.vector((L^2) %*% bj^2), neff = neff,
       pearson = unname(R[1, -1]), pearsonCi = lapply(R[1, -1], fisher, n = neff, spearman = FALSE),
       spearman = unname(rs[1, -1]), spearmanCi = lapply(rs[1, -1], fisher, n = neff, spearman = TRUE))
}

design <- svydesign(ids = ~1, weights = ~w, data = d)
raked <- rake(design, list(~group), list(data.frame(group = c("a", "b", "c"), Freq = c(.2, .3, .5) * sum(d$w))))

cat(toJSON(list(
  drivers = drivers,
  column = analyse(d$w),
  raked = analyse(unname(weights(raked))),
  versions = list(R = R.version.string, survey = as.character(packageVersion("survey")))),
  auto_unbox = TRUE, digits = NA, pretty = TRUE))
cat("\n")
