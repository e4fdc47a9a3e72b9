#!/usr/bin/Rscript
# Independent reference values for one-way ANOVA (classic and Welch) and for weighted quantiles with
# Woodruff confidence intervals, computed with R's `stats::oneway.test` and the `survey` package (never
# with this project's code). Read by tests/stats/anova.test.ts and tests/stats/weighted-quantile.test.ts.
#
# Regenerate (from the repository root; Debian packages r-base-core r-cran-survey r-cran-jsonlite):
#     Rscript tests/reference/anova_quantile_reference.R > tests/reference/anova-quantile-reference.json
#
# All data are generated here with set.seed() and written into the JSON, rounded so that jsonlite's
# 15 significant digits (toJSON(digits = NA)) carry them exactly. Non-finite values (R's NaN) are null.
#
# Notes on the R internals (R 4.2, survey 4.1-1; read with print(stats::oneway.test),
# print(survey:::svyquantile.survey.design), print(survey:::woodruffCI), print(survey:::qrule_math),
# print(survey:::qs), print(survey:::last), print(survey:::weights.survey.design)):
#
# * oneway.test stops ("not enough observations") when a group has fewer than 2 values. Welch:
#       w.i <- n.i/v.i; sum.w.i <- sum(w.i)
#       tmp <- sum((1 - w.i/sum.w.i)^2/(n.i - 1))/(k^2 - 1)
#       m <- sum(w.i * m.i)/sum.w.i
#       STATISTIC <- sum(w.i * (m.i - m)^2)/((k - 1) * (1 + 2 * (k - 2) * tmp))
#       PARAMETER <- c(k - 1, 1/(3 * tmp))
#   so a group with zero variance gives w.i = Inf and a NaN statistic. Classic (var.equal = TRUE):
#       STATISTIC <- (sum(n.i * (m.i - mean(y))^2)/(k - 1)) / (sum((n.i - 1) * v.i)/(n - k))
#   p-values: pf(STATISTIC, df1, df2, lower.tail = FALSE).
#
# * qrule_math(x, w, p): drops zero weights, then qs(x, w, p):
#       ii <- order(x); x <- x[ii]; cumw <- cumsum(w[ii])
#       pos <- last(cumw <= p * sum(w))          # last(a) = if (any(a)) max(which(a)) else 1
#       posnext <- if (pos == length(x)) pos else pos + 1
#       wlow = p - cumw[pos]/sum(w)
#   and returns x[pos] if wlow == 0, else x[posnext]. When p * sum(w) is below the first weight,
#   last() falls back to pos = 1 and the rule returns the SECOND smallest value x[2] (not x[1]);
#   the `qrule_math` entries below include such cases (p = 0, p = 0.05 on ten equal weights).
#
# * svyquantile.survey.design: q̂ = qrule(x, weights(design), p); the CI (interval.type = "mean",
#   woodruffCI) is
#       m <- svymean(x <= qhat, design)
#       pconfint <- confint(m, 1, level = 1 - alpha, df = df)       # pHat -/+ qt(1 - alpha/2, df) * SE
#       lower <- if (is.nan(pconfint[1]) || pconfint[1] < 0) NaN else qrule(x, weights(design, "sampling"), pconfint[1])
#       upper <- if (is.nan(pconfint[2]) || pconfint[2] > 1) NaN else qrule(x, weights(design, "sampling"), pconfint[2])
#   centred on pHat (the share of weight at or below q̂), not on p; p itself is not used by woodruffCI.
#   se = diff(ci)/(2 * qcrit(1 - alpha/2)), qcrit = qnorm if df == Inf else qt(., df); df = degf(design)
#   unless given. For a survey.design2, weights(design, "sampling") is weights.survey.design, which ignores
#   its type argument and returns 1/design$prob, the same weights as weights(design).
#   interval.type = "beta":
#       n.eff <- coef(m) * (1 - coef(m))/vcov(m)
#       n.eff <- n.eff * (qt(alpha/2, nrow(design) - 1)/qt(alpha/2, degf(design)))^2
#       c(qbeta(alpha/2, n.eff * rval, n.eff * (1 - rval) + 1), qbeta(1 - alpha/2, n.eff * rval + 1, n.eff * (1 - rval)))
#   (degf(design), not the df argument; the SE still uses qcrit from df).
#
# * svydesign(weights = ~w) stores prob = 1/w and weights() returns 1/prob, which need not equal w in the
#   last bit; every design below is checked with stopifnot(weights(des) == d$w), so the JSON's w are R's.

suppressPackageStartupMessages({
  library(survey)
  library(jsonlite)
})

num <- function(x) {           # plain numeric, non-finite -> NA (written as null)
  x <- as.numeric(x)
  x[!is.finite(x)] <- NA
  x
}
run <- function(code) eval(parse(text = code), envir = globalenv())

# ---------------------------------------------------------------------------------------
# 1. One-way ANOVA
set.seed(20240601)
anova_data <- list(
  small = list(
    generation = "fixed values",
    groups = list(a = c(2.1, 3.4, 1.9, 5.0, 4.2), b = c(6.3, 5.5, 7.1, 4.8),
                  c = c(3.3, 2.2, 4.4, 3.9, 5.1, 2.8, 3.0))
  ),
  two_groups = list(
    generation = "fixed values (k = 2: Welch F = Welch t^2)",
    groups = list(a = c(10.5, 12.25, 9.75, 11, 13.5, 10), b = c(14, 9.5, 16.25, 15.5, 12, 17.75, 13.25, 11.5, 15))
  ),
  nps_scores = list(
    generation = "pmin(10, pmax(0, round(rnorm(n, mu, s)))) with n = c(37, 52, 18, 90), mu = c(7.2, 6.5, 8.1, 7.0), s = c(2, 2.5, 1.2, 2.2)",
    groups = local({
      n <- c(37, 52, 18, 90); mu <- c(7.2, 6.5, 8.1, 7.0); s <- c(2, 2.5, 1.2, 2.2)
      g <- lapply(1:4, function(i) pmin(10, pmax(0, round(rnorm(n[i], mu[i], s[i])))))
      names(g) <- c("north", "south", "east", "west"); g
    })
  ),
  large = list(
    generation = "round(rnorm(n, mu, s), 2) with n = c(980, 1010, 1000, 1025, 995), mu = c(50, 50.4, 49.8, 50.9, 50.2), s = c(10, 12, 9, 11, 14)",
    groups = local({
      n <- c(980, 1010, 1000, 1025, 995); mu <- c(50, 50.4, 49.8, 50.9, 50.2); s <- c(10, 12, 9, 11, 14)
      g <- lapply(1:5, function(i) round(rnorm(n[i], mu[i], s[i]), 2))
      names(g) <- paste0("g", 1:5); g
    })
  ),
  tiny_p = list(
    generation = "round(rnorm(n, mu, s), 2) with n = c(990, 1005, 1000, 1012, 997), mu = c(0, 0.1, 0.25, 0.4, 0.65), s = c(1, 1.1, 0.9, 1, 1.2)",
    groups = local({
      n <- c(990, 1005, 1000, 1012, 997); mu <- c(0, 0.1, 0.25, 0.4, 0.65); s <- c(1, 1.1, 0.9, 1, 1.2)
      g <- lapply(1:5, function(i) round(rnorm(n[i], mu[i], s[i]), 2))
      names(g) <- paste0("g", 1:5); g
    })
  ),
  with_singleton = list(
    generation = "fixed values; group `d` has one value, so oneway.test (which would stop) is run without it",
    groups = list(a = c(4, 5, 6, 5, 7), b = c(8, 6, 9, 7), c = c(5, 5, 6, 4, 3, 6), d = c(10)),
    dropped = "d"
  )
)

anova_out <- lapply(names(anova_data), function(nm) {
  spec <- anova_data[[nm]]
  kept <- spec$groups[setdiff(names(spec$groups), spec$dropped)]
  dd <- data.frame(y = unlist(kept, use.names = FALSE),
                   g = factor(rep(names(kept), lengths(kept)), levels = names(kept)))
  assign("dd", dd, envir = globalenv())
  one <- function(var_equal) {
    call <- sprintf("oneway.test(y ~ g, data = dd, var.equal = %s)", var_equal)
    r <- run(call)
    list(call = call, statistic = num(r$statistic), df1 = num(r$parameter[1]), df2 = num(r$parameter[2]),
         pValue = num(r$p.value))
  }
  list(name = nm, generation = spec$generation, groups = lapply(spec$groups, I),
       dropped = I(if (is.null(spec$dropped)) character(0) else spec$dropped),
       data_call = "dd <- data.frame(y = unlist(groups without dropped), g = factor(group names, levels = group order))",
       equal = one("TRUE"), welch = one("FALSE"))
})

# Far upper tail of F: the p-values fSurvival must match.
pf_cases <- list(c(60, 4, 5000), c(150, 4, 5000), c(300, 3, 200), c(25, 2, 30.5), c(1e-3, 4, 10), c(3.7, 7, 12.25))
pf_out <- lapply(pf_cases, function(a) {
  call <- sprintf("pf(%s, %s, %s, lower.tail = FALSE)", format(a[1], digits = 15), format(a[2], digits = 15), format(a[3], digits = 15))
  list(call = call, x = a[1], df1 = a[2], df2 = a[3], p = num(run(call)))
})

# ---------------------------------------------------------------------------------------
# 2. qrule_math directly
qrule_cases <- list(
  list(x = c(3, 1, 2, 5, 4, 8, 7, 6, 10, 9), w = rep(1, 10), p = c(0, 0.05, 0.1, 0.15, 0.5, 0.55, 0.9, 0.95, 1)),
  list(x = c(1, 2, 3, 4, 5), w = c(1, 0, 2, 1, 1), p = c(0, 0.1, 0.2, 0.21, 0.6, 0.8, 0.99, 1)),
  list(x = c(2, 2, 1, 3, 3, 3), w = c(0.5, 1.5, 1, 0.25, 0.25, 0.5), p = c(0, 0.1, 0.25, 0.2500001, 0.75, 0.9, 1)),
  list(x = c(7), w = c(2), p = c(0, 0.5, 1)),
  list(x = c(4, 1), w = c(1, 3), p = c(0, 0.5, 0.75, 0.8, 1)),
  list(x = c(1, 1, 1, 5), w = rep(1, 4), p = c(0, 0.1, 0.25, 0.5, 0.75, 1))
)
qrule_out <- lapply(qrule_cases, function(cs) {
  assign("qx", cs$x, envir = globalenv()); assign("qw", cs$w, envir = globalenv())
  list(x = I(cs$x), w = I(cs$w),
       values = lapply(cs$p, function(p) {
         call <- sprintf("survey:::qrule_math(qx, qw, %s)", format(p, digits = 15))
         list(call = call, p = p, value = num(run(call)))
       }))
})

# ---------------------------------------------------------------------------------------
# 3. svyquantile with Woodruff intervals
set.seed(20240602)
quantile_data <- list(
  ties = list(
    generation = "x <- round(rnorm(60, 50, 10)); w <- sample(c(0.5, 0.75, 1, 1.25, 1.5, 2, 3), 60, replace = TRUE)",
    d = data.frame(x = round(rnorm(60, 50, 10)), w = sample(c(0.5, 0.75, 1, 1.25, 1.5, 2, 3), 60, replace = TRUE))
  ),
  ratings_w1 = list(
    generation = "x <- sample(1:5, 200, replace = TRUE, prob = c(0.1, 0.15, 0.25, 0.3, 0.2)); w <- 1",
    d = data.frame(x = sample(1:5, 200, replace = TRUE, prob = c(0.1, 0.15, 0.25, 0.3, 0.2)), w = 1)
  ),
  ratings_weighted = list(
    generation = "x <- sample(1:5, 120, replace = TRUE, prob = c(0.1, 0.2, 0.3, 0.25, 0.15)); w <- sample(c(0.5, 1, 1.5, 2, 4), 120, replace = TRUE)",
    d = data.frame(x = sample(1:5, 120, replace = TRUE, prob = c(0.1, 0.2, 0.3, 0.25, 0.15)),
                   w = sample(c(0.5, 1, 1.5, 2, 4), 120, replace = TRUE))
  ),
  continuous_unequal = list(
    generation = "x <- round(rlnorm(150, 3, 0.6), 2); w <- pmax(1, round(rlnorm(150, 0, 0.7) * 4)) / 4",
    d = data.frame(x = round(rlnorm(150, 3, 0.6), 2), w = pmax(1, round(rlnorm(150, 0, 0.7) * 4)) / 4)
  ),
  continuous_w1 = list(
    generation = "x <- round(rnorm(40, 100, 15), 1); w <- 1",
    d = data.frame(x = round(rnorm(40, 100, 15), 1), w = 1)
  ),
  tiny = list(
    generation = "fixed: x <- c(3, 1, 4, 1.5, 9, 2.6, 5, 3.5); w <- 1 (p = 0.1: 0.1 * 8 < 1, so qrule_math returns the second smallest value)",
    d = data.frame(x = c(3, 1, 4, 1.5, 9, 2.6, 5, 3.5), w = 1)
  ),
  bottom_ties = list(
    generation = "fixed: x <- c(1, 1, 1, 1, 1, 1, 2, 3, 4, 5); w <- 1 (the smallest value fills the first rows: qrule_math's fall-back to the second row gives it again)",
    d = data.frame(x = c(1, 1, 1, 1, 1, 1, 2, 3, 4, 5), w = 1)
  ),
  bottom_ties_weighted = list(
    generation = "fixed: x <- c(5, 1, 9, 1, 2, 1, 7, 3); w <- c(1, 3, 1, 2, 1, 0.5, 1, 1)",
    d = data.frame(x = c(5, 1, 9, 1, 2, 1, 7, 3), w = c(1, 3, 1, 2, 1, 0.5, 1, 1))
  ),
  zero_weights = list(
    generation = "x <- round(runif(30, 0, 20)); w <- sample(c(0, 0, 1, 2, 2.5), 30, replace = TRUE) (zero weights: degf = (rows with w > 0) - 1)",
    d = data.frame(x = round(runif(30, 0, 20)), w = sample(c(0, 0, 1, 2, 2.5), 30, replace = TRUE))
  )
)
probs <- c(0.1, 0.25, 0.5, 0.75, 0.9)
design_call <- "svydesign(ids = ~1, weights = ~w, data = d)"
# The `beta` branch of survey:::woodruffCI, verbatim (alpha = 0.05, m = svymean(x <= qhat, design)): woodruffCI
# does not return its interval for p̂, so this evaluates the same expression with m = pHat_call.
beta_pconfint_call <- paste(
  "local({ alpha <- 0.05; m <- svymean(~as.numeric(x <= qhat), des);",
  "n.eff <- coef(m) * (1 - coef(m))/vcov(m); rval <- coef(m)[1];",
  "n.eff <- n.eff * (qt(alpha/2, nrow(des) - 1)/qt(alpha/2, degf(des)))^2;",
  "c(qbeta(alpha/2, n.eff * rval, n.eff * (1 - rval) + 1), qbeta(1 - alpha/2, n.eff * rval + 1, n.eff * (1 - rval))) })")

quantile_case <- function(nm, df_arg) {
  d <- quantile_data[[nm]]$d
  assign("d", d, envir = globalenv())
  des <- run(design_call)
  assign("des", des, envir = globalenv())
  stopifnot(all(weights(des) == d$w), all(weights(des, "sampling") == weights(des)))
  df_text <- if (is.null(df_arg)) "" else sprintf(", df = %s", df_arg)
  df <- if (is.null(df_arg)) degf(des) else run(df_arg)
  qcall <- sprintf("svyquantile(~x, des, quantiles = c(0.1, 0.25, 0.5, 0.75, 0.9), ci = TRUE%s)", df_text)
  bcall <- sprintf("svyquantile(~x, des, quantiles = c(0.1, 0.25, 0.5, 0.75, 0.9), ci = TRUE, interval.type = \"beta\"%s)", df_text)
  r <- run(qcall)$x
  b <- run(bcall)$x
  values <- lapply(seq_along(probs), function(i) {
    qhat <- r[i, "quantile"]
    assign("qhat", qhat, envir = globalenv())
    pcall <- "svymean(~as.numeric(x <= qhat), des)"
    m <- run(pcall)
    pci <- as.vector(confint(m, 1, level = 0.95, df = df))
    list(p = probs[i], quantile = num(qhat),
         ci = num(r[i, 2:3]), se = num(r[i, "se"]),
         pHat_call = sprintf("qhat <- %s; %s", format(qhat, digits = 15), pcall),
         pHat = num(coef(m)), pHat_se = num(SE(m)),
         pconfint_call = sprintf("confint(%s, 1, level = 0.95, df = %s)", pcall, format(df)),
         pconfint = num(pci),
         beta = list(ci = num(b[i, 2:3]), se = num(b[i, "se"]), quantile = num(b[i, "quantile"]),
                     pconfint_call = beta_pconfint_call, pconfint = num(run(beta_pconfint_call))))
  })
  list(name = if (is.null(df_arg)) nm else paste0(nm, "_df_inf"), data = nm,
       call = qcall, beta_call = bcall, design_call = design_call,
       df = num(df), df_note = "null = Inf (normal quantile)", df_call = if (is.null(df_arg)) "degf(des)" else df_arg,
       degf = num(degf(des)), rows = nrow(des), quantiles = values)
}
quantile_out <- c(lapply(names(quantile_data), quantile_case, df_arg = NULL),
                  list(quantile_case("continuous_unequal", "Inf"), quantile_case("ratings_weighted", "Inf")))
quantile_data_out <- lapply(quantile_data, function(q) list(generation = q$generation, x = I(q$d$x), w = I(q$d$w)))

out <- list(
  description = paste("Reference values for src/stats/anova.ts and src/stats/weighted-quantile.ts from R (stats::oneway.test,",
                      "pf, survey::svyquantile / svymean / survey:::qrule_math), written by anova_quantile_reference.R.",
                      "Each entry has the exact R call; null = non-finite (NaN)."),
  versions = list(R = R.version.string, survey = as.character(packageVersion("survey")),
                  jsonlite = as.character(packageVersion("jsonlite"))),
  seeds = list(anova = 20240601L, quantile = 20240602L),
  anova = anova_out,
  pf = pf_out,
  qrule_math = qrule_out,
  quantile_data = quantile_data_out,
  svyquantile = quantile_out
)

cat(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE, na = "null"), "\n")
