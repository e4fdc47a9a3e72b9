#!/usr/bin/Rscript
# Independent reference values for scale reliability and relative importance (tests/stats/reliability/,
# tests/stats/drivers/), computed with R -- never with this project's code.
#
# Regenerate (from the repository root; Debian packages r-base-core r-cran-psych r-cran-jsonlite):
#     Rscript tests/reference/drivers_reference.R > tests/reference/drivers-reference.json
#
# Data: R's datasets::attitude (Chatterjee and Price 1977: 30 departments, 7 ratings; part of base R), written
# into the JSON so the tests read the same numbers.
# * alpha: a <- psych::alpha(attitude[, c("complaints", "privileges", "learning", "raises")]);
#   a$total$raw_alpha, a$total$std.alpha, a$total$average_r, a$feldt$lower.ci / upper.ci (Feldt,
#   psych::alpha.ci with p.val = .05), a$item.stats$r.drop (item-rest), a$alpha.drop$raw_alpha.
#   Also with the 90% level: psych::alpha.ci(a$total$raw_alpha, 30, 4, p.val = .10); and reversed:
#   psych::alpha(attitude[, items], keys = "raises"), the same statistics with `raises` reverse-scored.
# * omega: McDonald's omega total of the same items (and reversed: `raises` as max + min - raises), one factor:
#   psych::omega(x, nfactors = 1, flip = FALSE)$omega.tot (minres, fitted by optim to about 1e-7; flip = FALSE
#   keeps the items as the index scores them), and the same formula,
#   (sum(R) - sum(u)) / sum(R) with R = cor(x), on psych::fa(x, nfactors = 1, fm = "pa", max.iter = 1e5,
#   min.err = 1e-14)$uniquenesses: iterated principal axes run to convergence, whose fixed point is minres's.
#   Also for all six drivers below (a six-item scale).
#   The script also writes attitude as tests/fixtures/indexes/attitude/data.csv (write.csv, row.names = FALSE).
# * lmg: outcome rating, drivers complaints, privileges, learning, raises, critical, advance; R² of every
#   subset S by summary(lm(rating ~ S, attitude))$r.squared, and driver j's share
#   sum over S without j of |S|! (p - |S| - 1)! / p! * (R²(S + j) - R²(S)) (the Shapley value; relaimpo's
#   "lmg"); beta: coef(lm(scale(rating) ~ scale(drivers))); r2: summary(lm(rating ~ ., attitude))$r.squared.
suppressPackageStartupMessages({ library(psych); library(jsonlite) })

# The same data as a survey export for the pipeline's test (tests/fixtures/indexes/attitude/survey.yaml).
write.csv(attitude, "tests/fixtures/indexes/attitude/data.csv", row.names = FALSE)

items <- c("complaints", "privileges", "learning", "raises")
a <- suppressWarnings(psych::alpha(attitude[, items]))
# With `raises` reverse-scored (psych flips it as max + min - x; alpha depends on the covariances only).
b <- suppressWarnings(psych::alpha(attitude[, items], keys = "raises"))
ci90 <- psych::alpha.ci(a$total$raw_alpha, 30, 4, p.val = .10)

omegaOf <- function(x) {
  f <- psych::fa(x, nfactors = 1, fm = "pa", max.iter = 1e5, min.err = 1e-14)
  R <- cor(x)
  list(pa = (sum(R) - sum(f$uniquenesses)) / sum(R), loadings = as.vector(f$loadings),
       minres = suppressWarnings(psych::omega(x, nfactors = 1, flip = FALSE, plot = FALSE))$omega.tot)
}
flipped <- attitude[, items]
flipped$raises <- max(flipped$raises) + min(flipped$raises) - flipped$raises

drivers <- c("complaints", "privileges", "learning", "raises", "critical", "advance")
p <- length(drivers)
r2 <- function(set) if (length(set) == 0) 0 else summary(lm(reformulate(set, "rating"), data = attitude))$r.squared
lmg <- sapply(drivers, function(j) {
  others <- setdiff(drivers, j); total <- 0
  for (size in 0:(p - 1)) {
    sets <- if (size == 0) list(character(0)) else combn(others, size, simplify = FALSE)
    w <- factorial(size) * factorial(p - size - 1) / factorial(p)
    for (s in sets) total <- total + w * (r2(c(s, j)) - r2(s))
  }
  total
})
std <- as.data.frame(scale(attitude[, c("rating", drivers)]))
beta <- coef(lm(reformulate(drivers, "rating"), data = std))[drivers]

cat(toJSON(list(
  data = as.list(attitude),
  alpha = list(items = items, n = nrow(attitude), raw = a$total$raw_alpha, standardized = a$total$std.alpha,
               averageR = a$total$average_r,
               feldt95 = c(a$feldt$lower.ci$raw_alpha, a$feldt$upper.ci$raw_alpha),
               feldt90 = c(ci90$lower.ci, ci90$upper.ci),
               itemRest = unname(a$item.stats$r.drop), alphaIfDeleted = unname(a$alpha.drop$raw_alpha)),
  reversed = list(items = items, reverse = "raises", raw = b$total$raw_alpha, standardized = b$total$std.alpha,
                  feldt95 = c(b$feldt$lower.ci$raw_alpha, b$feldt$upper.ci$raw_alpha),
                  itemRest = unname(b$item.stats$r.drop), alphaIfDeleted = unname(b$alpha.drop$raw_alpha)),
  omega = list(items = omegaOf(attitude[, items]), reversed = omegaOf(flipped),
               six = omegaOf(attitude[, c("complaints", "privileges", "learning", "raises", "critical", "advance")])),
  lmg = list(outcome = "rating", drivers = drivers, r2 = r2(drivers), shares = unname(lmg), beta = unname(beta)),
  versions = list(R = R.version.string, psych = as.character(packageVersion("psych")))),
  auto_unbox = TRUE, digits = NA, pretty = TRUE))
cat("\n")
