#!/usr/bin/Rscript
# Independent reference values for weighted estimation, computed with R's `survey`
# package (never with this project's code).
#
# The script first generates the sample (set.seed(20240315)) and writes it to
# tests/reference/weighting-data.csv, then reads that CSV back and computes every value
# from the file, so the data and the reference values are always regenerated together.
#
# Regenerate (from the repository root; Debian packages r-base-core r-cran-survey
# r-cran-jsonlite):
#     Rscript tests/reference/weighting_reference.R > tests/reference/weighting-reference.json
#
# Notes on the survey package internals (survey 4.1-1, as read with
# print(survey:::svyciprop), print(survey:::svyrecvar), getS3method(...)):
#
# * svyciprop(method = "beta") DOES rescale the effective n by degrees of freedom:
#       m <- eval(bquote(svymean(~as.numeric(.(formula[[2]])), design, ...)))
#       n.eff <- coef(m) * (1 - coef(m))/vcov(m)
#       rval <- coef(m)[1]
#       attr(rval, "var") <- vcov(m)
#       alpha <- 1 - level
#       n.eff <- n.eff * (qt(alpha/2, nrow(design) - 1)/qt(alpha/2, degf(design)))^2
#       ci <- c(qbeta(alpha/2, n.eff * rval, n.eff * (1 - rval) + 1),
#               qbeta(1 - alpha/2, n.eff * rval + 1, n.eff * (1 - rval)))
#   For every design here (ids = ~1, no strata) degf(design) = nrow(design) - 1 = n - 1,
#   so the factor is exactly 1 and n.eff = coef*(1-coef)/vcov. The JSON records both.
#   Note x = n.eff * p need not be an integer (qbeta with non-integer shapes).
#
# * svyciprop(method = "logit") fits svyglm(active ~ 1, family = quasibinomial) and uses
#       ci <- as.numeric(expit(confint(m, 1, level = level, method = "Wald", ddf = df)))
#   with df = degf(design), i.e. a t quantile with n - 1 df on the logit scale, while
#   confint() on a svymean (svystat) object defaults to df = Inf (normal quantile):
#       confint.svystat <- function(object, parm, level = 0.95, df = Inf, ...)
#           tconfint(object, parm, level, df)
#
# * Variance of svymean for post-stratified / raked designs: svymean.survey.design2 calls
#       v <- svyrecvar(x * pweights/psum, design$cluster, design$strata,
#                      design$fpc, postStrata = design$postStrata)
#   with x already centred (x <- sweep(x, 2, average)); svyrecvar() replaces the scores
#   by their residuals within post-strata before the usual with-replacement variance
#   (multistage(...)).  postStratify():
#       psmeans <- rowsum(x * oldw/psw, psvar, reorder = TRUE)/as.vector(by(oldw, psvar, sum))
#       x <- x - psmeans[match(psvar, sort(unique(psvar))), ] * psw
#   rake() (postStrata of class "raking"): iterated projection on each margin,
#       for (iterations in 1:10) {
#         for (margin in psvar) {
#           psw <- attr(margin, "weights")
#           x <- x - psw * apply(x/psw, 2, ave, margin)
#         }
#       }
#   i.e. a fixed 10 backfitting sweeps, independent of how many raking passes were used.
#
# * svymean(..., deff = TRUE) uses as SRS variance a WITHOUT-replacement one with the
#   population size taken as sum(weights):
#       vsrs <- svyvar(x, design, na.rm = na.rm) * (psum - nobs)/(psum * nobs)
#   so for `unweighted` (sum of weights = n) vsrs = 0 and deff = Inf (written as null),
#   and for `column` (sum of weights ~ 1.75 n) the deff is inflated by ~ psum/(psum-n).
#   deff = "replace" uses vsrs <- svyvar(x, design, na.rm = na.rm)/nobs; both are given.
#
# * svychisq(statistic = "Chisq") returns as `statistic` the UNADJUSTED Pearson X^2 of
#   svytable(formula, design, Ntotal = n); only the p-value is Rao-Scott adjusted:
#       pearson$p.value <- pchisq(pearson$statistic/mean(diag(Delta)), df = NCOL(Delta), ...)
#   statistic = "F": statistic = X^2/sum(diag(Delta)), ndf = d0, ddf = d0 * nu with
#   d0 = tr(Delta)^2/tr(Delta^2) and nu = degf (n - 1 here).

suppressPackageStartupMessages({
  library(survey)
  library(jsonlite)
})

# ---------------------------------------------------------------------------------------
# Where to write the CSV: next to this script.
args <- commandArgs(trailingOnly = FALSE)
file_arg <- sub("^--file=", "", args[grep("^--file=", args)])
script_dir <- if (length(file_arg)) dirname(normalizePath(file_arg[1])) else "tests/reference"
csv_path <- file.path(script_dir, "weighting-data.csv")

# ---------------------------------------------------------------------------------------
# 1. Data
set.seed(20240315)
n <- 400
industry <- sample(c("finance", "tech", "other"), n, replace = TRUE, prob = c(0.5, 0.3, 0.2))
gender <- sample(c("male", "female"), n, replace = TRUE, prob = c(0.65, 0.35))
w <- round(runif(n, 0.5, 3), 3)
p_active <- c(finance = 0.8, tech = 0.6, other = 0.4)[industry]
active <- rbinom(n, 1, p_active)
mu_sat <- c(finance = 3.9, tech = 3.4, other = 2.8)[industry]
sat <- as.integer(pmin(5, pmax(1, round(rnorm(n, mu_sat, 1)))))
mu_nps <- c(finance = 7.8, tech = 7.0, other = 5.8)[industry]
nps <- as.integer(pmin(10, pmax(0, round(rnorm(n, mu_nps, 2)))))
days <- as.integer(rbinom(n, 7, ifelse(active == 1, 0.6, 0.15)))
sat[sample(n, round(0.03 * n))] <- NA  # item non-response (~3%)
gen <- data.frame(industry, gender, w, active, sat, nps, days, stringsAsFactors = FALSE)
write.csv(gen, csv_path, row.names = FALSE, na = "", quote = FALSE, fileEncoding = "UTF-8")

# Everything below uses the CSV as read back (so the fixture matches the file exactly).
d <- read.csv(csv_path, stringsAsFactors = FALSE, na.strings = "", encoding = "UTF-8")
d$one <- 1
d$nps_score <- ifelse(d$nps >= 9, 100, ifelse(d$nps <= 6, -100, 0))

# Population margins
N <- 100000
pop_share_industry <- c(finance = 0.06, tech = 0.24, other = 0.70)
pop_share_gender <- c(male = 0.51, female = 0.49)
pop_industry <- data.frame(industry = names(pop_share_industry), Freq = N * unname(pop_share_industry))
pop_gender <- data.frame(gender = names(pop_share_gender), Freq = N * unname(pop_share_gender))

# ---------------------------------------------------------------------------------------
# helpers
run <- function(code) eval(parse(text = code), envir = globalenv())
num <- function(x) {           # plain numeric, non-finite -> NA (written as null)
  x <- as.numeric(x)
  x[!is.finite(x)] <- NA
  x
}
named <- function(x, nm) { x <- as.list(num(x)); names(x) <- nm; x }

# ---------------------------------------------------------------------------------------
# 2. Designs
design_calls <- list(
  column = "svydesign(ids = ~1, weights = ~w, data = d)",
  unweighted = "svydesign(ids = ~1, weights = ~one, data = d)",
  poststratify = "postStratify(column, ~industry, pop_industry)",
  poststratify_equal = "postStratify(unweighted, ~industry, pop_industry)",
  rake = "rake(column, list(~industry, ~gender), list(pop_industry, pop_gender))",
  rake_equal = "rake(unweighted, list(~industry, ~gender), list(pop_industry, pop_gender))",
  trim = "trimWeights(column, upper = 5 * mean(weights(column)), strict = TRUE)",
  trim_rake = "trimWeights(rake, upper = 5 * mean(weights(rake)), strict = TRUE)",
  rake_tight = "rake(column, list(~industry, ~gender), list(pop_industry, pop_gender), control = list(maxit = 100, epsilon = 1e-10))",
  rake_equal_tight = "rake(unweighted, list(~industry, ~gender), list(pop_industry, pop_gender), control = list(maxit = 100, epsilon = 1e-10))",
  trim_rake_equal = "trimWeights(rake_equal_tight, upper = 2.5 * mean(weights(rake_equal_tight)), strict = TRUE)",
  trim_rake_tight = "trimWeights(rake_tight, upper = 5 * mean(weights(rake_tight)), strict = TRUE)"
)
design_notes <- list(
  column = "design weights w from the CSV",
  unweighted = "all weights 1 (one = 1); sum of weights = n, so svymean(deff = TRUE) gives vsrs = 0 and deff = Inf (null here)",
  poststratify = "post-stratified to industry totals from the column-weighted design",
  poststratify_equal = "post-stratified to industry totals from the all-weights-1 design",
  rake = "raked (default control: maxit = 10, epsilon = 1) on industry then gender",
  rake_equal = "raked from the all-weights-1 design (default control)",
  trim = "trimWeights with upper = 5 * mean(weights(column)); no column weight exceeds this bound (max w <= 3), so trimWeights returns the design unchanged",
  trim_rake = paste("extra (not a no-op): the raked weights trimmed at 5 * mean(weights(rake)), excess spread over the untrimmed units, repeated (strict = TRUE) until none exceeds the bound.",
                    "trimWeights only changes design$prob: design$postStrata (rake's margins and their stored weights) stays attached, so svymean's variance",
                    "still applies rake's residual projection (svyrecvar) to the trimmed-weight scores."),
  rake_tight = "raked to convergence (epsilon = 1e-10 is relative: times the sum of the sampling weights), for comparison with stickiness, which rakes to 1e-10",
  rake_equal_tight = "raked to convergence from the all-weights-1 design",
  trim_rake_equal = "the converged equal-start raked weights trimmed at 2.5 * their mean (strict = TRUE): stickiness's `weighting: { method: rake, trim: 2.5 }`",
  trim_rake_tight = "the converged raked design weights trimmed at 5 * their mean (strict = TRUE): stickiness's `weighting: { method: rake, column: w, trim: 5 }`"
)
for (nm in names(design_calls)) assign(nm, run(design_calls[[nm]]))

# raking passes: rake() does not store its iteration count, so find the smallest maxit
# for which rake() does not warn "Raking did not converge" (= number of postStratify
# sweeps over all margins that were needed; rake's internal `iter` at break is one less).
rake_passes <- function(base) {
  for (k in 1:50) {
    warned <- FALSE
    withCallingHandlers(
      rake(get(base), list(~industry, ~gender), list(pop_industry, pop_gender),
           control = list(maxit = k, epsilon = 1, verbose = FALSE)),
      warning = function(wn) { if (grepl("did not converge", conditionMessage(wn))) warned <<- TRUE
                              invokeRestart("muffleWarning") })
    if (!warned) return(k)
  }
  NA
}
# the default-control calls must not warn either
default_rake_warned <- function(code) {
  warned <- FALSE
  withCallingHandlers(run(code), warning = function(wn) { warned <<- TRUE; invokeRestart("muffleWarning") })
  warned
}

# ---------------------------------------------------------------------------------------
# 3. Estimates
estimate_scalar <- function(var, dname, na_rm = FALSE) {
  nr <- if (na_rm) ", na.rm = TRUE" else ""
  call <- sprintf("svymean(~%s, %s%s)", var, dname, nr)
  m <- run(call)
  ci_call <- sprintf("confint(%s, level = 0.95)", call)
  ci <- run(ci_call)
  deff_call <- sprintf("svymean(~%s, %s%s, deff = TRUE)", var, dname, nr)
  deffr_call <- sprintf("svymean(~%s, %s%s, deff = \"replace\")", var, dname, nr)
  list(call = call, estimate = num(coef(m)), se = num(SE(m)),
       ci_call = ci_call, ci = num(ci[1, ]),
       deff_call = deff_call, deff = num(deff(run(deff_call))),
       deff_replace_call = deffr_call, deff_replace = num(deff(run(deffr_call))))
}
estimate_industry <- function(dname) {
  call <- sprintf("svymean(~factor(industry), %s)", dname)
  m <- run(call)
  lv <- sub("^factor\\(industry\\)", "", names(coef(m)))
  ci_call <- sprintf("confint(%s, level = 0.95)", call)
  ci <- run(ci_call)
  cil <- lapply(seq_along(lv), function(i) num(ci[i, ])); names(cil) <- lv
  deff_call <- sprintf("svymean(~factor(industry), %s, deff = TRUE)", dname)
  deffr_call <- sprintf("svymean(~factor(industry), %s, deff = \"replace\")", dname)
  list(call = call, estimate = named(coef(m), lv), se = named(SE(m), lv),
       ci_call = ci_call, ci = cil,
       deff_call = deff_call, deff = named(deff(run(deff_call)), lv),
       deff_replace_call = deffr_call, deff_replace = named(deff(run(deffr_call)), lv))
}
ciprop <- function(dname) {
  out <- list()
  for (meth in c("beta", "logit")) {
    call <- sprintf("svyciprop(~active, %s, method = \"%s\", level = 0.95)", dname, meth)
    r <- run(call)
    out[[meth]] <- list(call = call, estimate = num(r), ci = num(attr(r, "ci")),
                        se = num(sqrt(attr(r, "var"))))
  }
  dsg <- get(dname)
  m <- run(sprintf("svymean(~active, %s)", dname))
  n_eff <- num(coef(m) * (1 - coef(m)) / vcov(m))
  factor_df <- (qt(0.025, nrow(dsg) - 1) / qt(0.025, degf(dsg)))^2
  out$n_eff <- list(
    call = sprintf("m <- svymean(~active, %s); coef(m) * (1 - coef(m)) / vcov(m)", dname),
    value = n_eff,
    df_adjustment_factor_call = sprintf("(qt(0.025, nrow(%s) - 1) / qt(0.025, degf(%s)))^2", dname, dname),
    df_adjustment_factor = num(factor_df),
    nrow = nrow(dsg), degf = degf(dsg),
    value_used_by_beta = num(n_eff * factor_df),
    beta_adjusts_by_df = TRUE,
    note = "svyciprop(method = 'beta') multiplies n.eff by (qt(alpha/2, nrow(design) - 1)/qt(alpha/2, degf(design)))^2; here degf = nrow - 1 so the factor is 1"
  )
  out$beta$formula <- "qbeta(alpha/2, n.eff*p, n.eff*(1-p) + 1), qbeta(1 - alpha/2, n.eff*p + 1, n.eff*(1-p)) with p = coef(svymean(~active, design)), n.eff = value_used_by_beta"
  out$logit$formula <- "expit(confint(svyglm(active ~ 1, design, family = quasibinomial), method = 'Wald', ddf = degf(design))) -- t quantile with degf df"
  out
}
domains <- function(dname) {
  call <- sprintf("svyby(~active, ~gender, %s, svymean)", dname)
  b <- run(call)
  g <- as.character(b$gender)
  groups <- lapply(seq_along(g), function(i) list(estimate = num(coef(b)[i]), se = num(SE(b)[i])))
  names(groups) <- g
  list(call = call, groups = groups)
}
# Difference of domain means, male minus female, with its design-based SE: the coefficient of
# svyglm(y ~ male, design) (male = gender == "male"), whose linearised SE is that of the difference of the two
# domain means (svyby(..., covmat = TRUE) fails on this raked design in survey 4.1.1). For two groups,
# "male against the rest" is this difference; z = diff / SE, p = 2 * pnorm(-|z|).
difference <- function(dname, variable) {
  dsg <- update(get(dname), male = as.numeric(gender == "male"))
  fit <- svyglm(as.formula(paste0(variable, " ~ male")), dsg)
  est <- as.numeric(coef(fit)["male"]); se <- as.numeric(SE(fit)["male"])
  list(call = sprintf("svyglm(%s ~ male, update(%s, male = as.numeric(gender == 'male')))", variable, dname),
       difference = est, se = se, z = est / se, p_value = 2 * pnorm(-abs(est / se)),
       df_residual = fit$df.residual, p_value_t = 2 * pt(-abs(est / se), fit$df.residual),
       p_value_t_note = "summary(fit)'s p-value: t on svyglm's residual degrees of freedom (degf + 1 - 2)")
}

chisq <- function(dname) {
  fcall <- sprintf("svychisq(~active + industry, %s, statistic = \"F\")", dname)
  ccall <- sprintf("svychisq(~active + industry, %s, statistic = \"Chisq\")", dname)
  f <- run(fcall); cq <- run(ccall)
  list(
    F = list(call = fcall, statistic = num(f$statistic), ndf = num(f$parameter["ndf"]),
             ddf = num(f$parameter["ddf"]), p_value = num(f$p.value), method = f$method,
             note = "statistic = Pearson X^2 / tr(Delta); ndf = d0 = tr(Delta)^2/tr(Delta^2), ddf = d0 * degf"),
    Chisq = list(call = ccall, statistic = num(cq$statistic), df = num(cq$parameter["df"]),
                 p_value = num(cq$p.value), method = cq$method,
                 statistic_adjusted = num(f$statistic * cq$parameter["df"]),
                 note = paste("statistic is the UNADJUSTED Pearson X^2 of svytable(~active + industry, design, Ntotal = n);",
                              "p_value = pchisq(statistic / mean(diag(Delta)), df, lower.tail = FALSE);",
                              "statistic_adjusted = statistic / mean(diag(Delta)) = F$statistic * df (computed here, not returned by svychisq)"))
  )
}

designs_out <- list()
for (dname in names(design_calls)) {
  dsg <- get(dname)
  wts <- weights(dsg)
  entry <- list(
    call = paste(dname, "<-", design_calls[[dname]]),
    note = design_notes[[dname]],
    weights = list(
      call = sprintf("w <- weights(%s); sum(w); min(w); max(w); sum(w)^2 / sum(w^2)", dname),
      sum = sum(wts), min = min(wts), max = max(wts),
      kish_n_eff = sum(wts)^2 / sum(wts^2),
      values = as.numeric(wts)
    ),
    estimates = list(
      active = estimate_scalar("active", dname),
      sat = estimate_scalar("sat", dname, na_rm = TRUE),
      days = estimate_scalar("days", dname),
      nps_score = estimate_scalar("nps_score", dname),
      industry = estimate_industry(dname)
    ),
    svyciprop_active = ciprop(dname)
  )
  if (dname %in% c("rake", "rake_equal")) {
    base <- if (dname == "rake") "column" else "unweighted"
    passes <- rake_passes(base)
    entry$rake_iterations <- list(
      call = sprintf("smallest k such that rake(%s, list(~industry, ~gender), list(pop_industry, pop_gender), control = list(maxit = k, epsilon = 1, verbose = FALSE)) gives no 'did not converge' warning", base),
      passes = passes,
      rake_internal_iter_at_convergence = passes - 1L,
      default_control = list(maxit = 10, epsilon = 1),
      default_call_warned = default_rake_warned(design_calls[[dname]]),
      note = paste("rake() does not store an iteration count. One pass = postStratify on industry then gender;",
                   "convergence when max |change in svytable(~industry + gender)| < epsilon = 1 (absolute, in population units since epsilon >= 1).",
                   "The variance (svyrecvar) always does 10 backfitting sweeps regardless.")
    )
    tab <- svytable(~industry + gender, dsg)
    entry$calibrated_margins <- list(
      call = sprintf("svytotal(~factor(industry), %s); svytotal(~factor(gender), %s)", dname, dname),
      industry = named(coef(svytotal(~factor(industry), dsg)), sub("^factor\\(industry\\)", "", names(coef(svytotal(~factor(industry), dsg))))),
      gender = named(coef(svytotal(~factor(gender), dsg)), sub("^factor\\(gender\\)", "", names(coef(svytotal(~factor(gender), dsg)))))
    )
  }
  if (dname %in% c("trim", "trim_rake", "trim_rake_equal", "trim_rake_tight")) {
    base <- switch(dname, trim = "column", trim_rake = "rake", trim_rake_equal = "rake_equal_tight", trim_rake_tight = "rake_tight")
    multiple <- if (dname == "trim_rake_equal") 2.5 else 5
    bw <- weights(get(base))
    entry$trim_bound <- list(call = sprintf("%s * mean(weights(%s))", multiple, base), value = multiple * mean(bw),
                             n_outside_before = sum(bw > multiple * mean(bw)),
                             n_at_bound_after = sum(abs(wts - multiple * mean(bw)) < 1e-9 * multiple * mean(bw)),
                             unchanged = isTRUE(all.equal(as.numeric(wts), as.numeric(bw))))
  }
  if (dname %in% c("column", "rake", "rake_tight", "rake_equal_tight")) {
    entry$domains_active_by_gender <- domains(dname)
    entry$male_vs_female <- list(days = difference(dname, "days"), nps_score = difference(dname, "nps_score"))
    entry$svychisq_active_industry <- chisq(dname)
  }
  designs_out[[dname]] <- entry
}

out <- list(
  description = paste("Reference values for weighted estimation from R's survey package (not this project's code).",
                      "Data: weighting-data.csv (generated by weighting_reference.R with set.seed(20240315)).",
                      "Every entry has a `call` with the exact R call; `d` is read.csv(weighting-data.csv) plus",
                      "one = 1 and nps_score = ifelse(nps >= 9, 100, ifelse(nps <= 6, -100, 0)).",
                      "confint() on svymean is Wald with the normal quantile (df = Inf). null = non-finite/NA."),
  versions = list(R = R.version.string, survey = as.character(packageVersion("survey")),
                  jsonlite = as.character(packageVersion("jsonlite"))),
  data = list(
    file = "weighting-data.csv", seed = 20240315L, n = nrow(d),
    read_call = "d <- read.csv('weighting-data.csv', stringsAsFactors = FALSE, na.strings = ''); d$one <- 1; d$nps_score <- ifelse(d$nps >= 9, 100, ifelse(d$nps <= 6, -100, 0))",
    generation = list(
      industry = "sample(c('finance','tech','other'), n, replace = TRUE, prob = c(0.5, 0.3, 0.2))",
      gender = "sample(c('male','female'), n, replace = TRUE, prob = c(0.65, 0.35))",
      w = "round(runif(n, 0.5, 3), 3)",
      active = "rbinom(n, 1, c(finance = 0.8, tech = 0.6, other = 0.4)[industry])",
      sat = "pmin(5, pmax(1, round(rnorm(n, c(finance = 3.9, tech = 3.4, other = 2.8)[industry], 1)))); 3% set to NA (empty cell)",
      nps = "pmin(10, pmax(0, round(rnorm(n, c(finance = 7.8, tech = 7.0, other = 5.8)[industry], 2))))",
      days = "rbinom(n, 7, ifelse(active == 1, 0.6, 0.15))"
    ),
    sample_counts = list(industry = as.list(table(d$industry)), gender = as.list(table(d$gender))),
    sat_na = sum(is.na(d$sat))
  ),
  population = list(
    N = N,
    industry_share = as.list(pop_share_industry), gender_share = as.list(pop_share_gender),
    pop_industry = "data.frame(industry = c('finance','tech','other'), Freq = 100000 * c(0.06, 0.24, 0.70))",
    pop_gender = "data.frame(gender = c('male','female'), Freq = 100000 * c(0.51, 0.49))"
  ),
  designs = designs_out
)

cat(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE, na = "null"), "\n")
