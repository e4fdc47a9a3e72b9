#!/usr/bin/Rscript
# Independent reference values for DESIGN-BASED estimation (strata, clusters, fpc, lonely PSUs,
# raking and trimming on top of a design), computed with R's `survey` package -- never with this
# project's code.
#
# The script writes the fixture folders' data files (tests/fixtures/design/<name>/data.csv) with
# write.csv(row.names = FALSE, na = ""), reads each CSV back with read.csv and computes every value
# from the file as read back, so the data and the reference values are always regenerated together.
# (The survey.yaml codebooks beside the CSVs are written by hand; see tests/fixtures/design/README.md.)
#
# Regenerate (from the repository root; Debian packages r-base-core r-cran-survey r-cran-jsonlite):
#     Rscript tests/reference/design_reference.R > tests/reference/design-reference.json
#
# Data: survey::apistrat, apiclus1, apiclus2 and nhanes (survey package, GPL-2 | GPL-3, see
# tests/fixtures/design/LICENSE) and four synthetic data sets made here with set.seed().
#
# ---------------------------------------------------------------------------------------------
# Notes on survey 4.1-1 internals (read with print(survey:::<function>)):
#
# * svydesign(): `fpc` may be population sizes (all fpc >= 1) or sampling fractions (all fpc <= 1);
#   a mixture is an error ("Must have all fpc>=1 or all fpc<=1"). as.fpc(): fractions are turned into
#   popsize = sampsize / fpc. The test is xor(any(fpc > 1), all(fpc >= 1)) over ALL stages' fpc values
#   together, so fpc = 1 means a population of 1 when some fpc is > 1 (apiclus2's fpc2 = 1: a district
#   with one school), a sampling fraction of 1 (census, popsize = sampsize) when the others are < 1,
#   and an fpc that is 1 everywhere is an error (in survey 4.1-1 "subscript out of bounds", raised while
#   building the "Must have all fpc>=1 or all fpc<=1" message).
#   sampsize at each stage = number of distinct PSUs (stage-i ids) in the stage-i stratum, counted on the
#   FULL design and stored per row; subsets keep these counts.
#   For fpc given as a count, the per-stratum variance factor is f = (N_h - n_h) / N_h (onestrat()).
#
# * Weights derived from fpc when weights/probs are omitted: probs <- 1 / weights(fpc, final = FALSE),
#       weights.survey_fpc(final = FALSE) = popsize / sampsize   (a column per stage)
#   and the design's prob is the product over stages, so w = prod_i N_i / n_i, where at stage 1 N/n is
#   the stratum's (fpc1 / number of sampled PSUs in the stratum) and at stage 2 (fpc2 / number of
#   sampled SSUs in THAT PSU). Without fpc and without weights: all weights 1 (with a warning).
#
# * Multistage ids: svydesign always makes the stage-i id interaction(ids[, 1:i]) (so SSU labels may
#   repeat across PSUs), and the stage-i strata (i >= 2) are interaction(strata, stage-(i-1) id), i.e.
#   every PSU is its own stratum at stage 2. nest = TRUE additionally replaces the stage-1 ids by
#   interaction(strata, ids) so PSU labels may restart in each stratum; with nest = FALSE and PSU labels
#   shared by several strata svydesign stops: "Clusters not nested in strata at top level; you may want
#   nest=TRUE." (check.strata = !nest).
#
# * Variance (svyrecvar -> multistage -> onestage -> onestrat): scores x_i = w_i (y_i - ybar) / sum(w)
#   are summed to PSU totals within each stratum, centred on the stratum mean of PSU totals, and
#       V_h = f_h * n_h / (n_h - 1) * sum_j (t_hj - tbar_h)^2,   f_h = (N_h - n_h)/N_h or 1 without fpc.
#   With fpc at stage 2 (survey.ultimate.cluster = FALSE, the default) multistage() adds, for every PSU,
#   the stage-2 variance computed the same way within that PSU (its SSUs as "PSUs", f2 = (N2 - n2)/N2)
#   multiplied by n1/N1 (nPSUs / fpcs at stage 1): V = V1 + sum_PSU (n1/N1) * V2(PSU).
#   Without an fpc at all only the first stage is used (ultimate cluster). A stratum whose f < 1e-7
#   (census: N_h = n_h) contributes 0 before any lonely-PSU handling.
#
# * Lonely PSUs (options(survey.lonely.psu), R's default "fail"; we use "adjust" unless said otherwise).
#   For a stratum with n_h = 1 PSU in the FULL design (onestrat):
#     adjust    : the PSU total is NOT centred (deviation from the grand mean, since the scores are
#                 already centred on the overall mean) and the scale is f (no n/(n-1)): V_h = f * t_h^2
#     certainty : centred on itself -> contributes 0
#     remove    : identical to certainty in survey 4.1-1 (contributes 0; nothing else is rescaled)
#     average   : contributes NA; onestage() sums the other strata and multiplies by
#                 nstrat / nokstrat (number of strata / number of strata with n_h > 1)
#     fail      : stop("Stratum (<h>) has only one PSU at stage 1")
#   degf() is the same under every option (a lonely stratum counts 1 PSU - 1 stratum = 0).
#   A DOMAIN that happens to have one PSU in a stratum with n_h > 1 is not lonely: with
#   survey.adjust.domain.lonely = FALSE (default) the missing PSUs count as zero totals and the
#   stratum is centred as usual.
#
# * Subsets / domains: `[.survey.design2` (used by subset(), svyby(), svymean(na.rm = TRUE),
#   svyglm's NA handling, svyquantile(na.rm = TRUE)) physically DROPS the rows of an uncalibrated
#   design (keeping each row's full-design n_h, so the variance is the domain variance), but for a
#   calibrated design (postStratify/rake/calibrate) it keeps every row and sets prob = Inf (weight 0).
#   Hence nrow(subset) = rows in the domain for an uncalibrated design but = the FULL n for a raked one.
#   degf.survey.design2 counts only rows with non-zero weight:
#       inset <- weights(design, "sampling") != 0
#       length(unique(design$cluster[inset, 1])) - length(unique(design$strata[inset, 1]))
#   i.e. (number of PSUs present in the domain) - (number of strata present in the domain).
#
# * svyciprop(method = "beta"):
#       m <- svymean(~as.numeric(x), design, ...)          # `...` carries na.rm = TRUE
#       n.eff <- coef(m) * (1 - coef(m)) / vcov(m)
#       n.eff <- n.eff * (qt(alpha/2, nrow(design) - 1) / qt(alpha/2, degf(design)))^2
#       ci <- c(qbeta(alpha/2, n.eff*p, n.eff*(1-p) + 1), qbeta(1-alpha/2, n.eff*p + 1, n.eff*(1-p)))
#   nrow() and degf() are of the design PASSED IN: with na.rm = TRUE on the full design they include
#   the rows/PSUs whose answer is missing (the JSON also gives svyciprop on subset(des, !is.na(x))).
#   For a raked design nrow(design) of a domain is the full n (see above).
#   method = "logit": svyglm(x ~ 1, design, family = quasibinomial) (NA rows dropped by glm, design
#   subset accordingly), CI = expit(confint(m, method = "Wald", ddf = degf(design))) with degf of the
#   design passed in (t quantile). Its attr "var" is vcov(svymean(~as.numeric(x), design)) without
#   na.rm, hence NA when x has missing values (the JSON takes the SE from svymean(na.rm = TRUE)).
#
# * svymean(deff = "replace"): vsrs = svyvar(x, design) / nobs, nobs = sum(weights != 0) after the
#   NA rows are removed; svyvar uses n/(n-1) with n = number of non-zero weights.
#
# * svyglm(y ~ I(g == level), des): glm with weights w / mean(w); NA rows dropped and the design
#   subset (design[-nas, ]); df.residual = degf(design after NA removal) + 1 - number of coefficients,
#   so summary()'s t test of the group-vs-rest coefficient uses df = degf - 1, NOT degf. The JSON gives
#   p with df.residual (as summary() does), with degf, and with the normal distribution.
#
# * regTermTest(svyglm(y ~ factor(g), des), ~factor(g)): Wald chi-square beta' V^-1 beta over the k-1
#   group coefficients; Ftest = chisq / (k - 1), ddf = model$df.residual = degf + 1 - k (k = groups),
#   p = pf(Ftest, k - 1, ddf). With df = Inf: chisq and p = pchisq(chisq, k - 1).
#
# * svychisq(~x + g, des): nu = length(unique(design$cluster[, 1])) - length(unique(design$strata[, 1]))
#   counted on ALL rows of the design (not degf(): zero-weight rows of a calibrated subset count too);
#   N = number of rows with both variables present. statistic = "F": Pearson X^2 of
#   svytable(~x + g, des, Ntotal = N) divided by tr(Delta); ndf = d0 = tr(Delta)^2 / tr(Delta^2),
#   ddf = d0 * nu. statistic = "Chisq": the UNADJUSTED X^2 is returned, p = pchisq(X^2 / mean(diag(Delta)),
#   (r-1)(c-1)).
#
# * svyquantile (survey >= 4.0, svyquantile.survey.design): qrule = "math" (the smallest x with
#   cumulative weight share >= p; with weight share exactly p the lower value), interval.type = "mean":
#   Woodruff: m <- svymean(x <= qhat, design); CI of that proportion by confint(m, df = df) with
#   df = degf(design) (t quantile), mapped back through the same qrule; se = (upper - lower) / (2 *
#   qt(0.975, df)). interval.type = "beta" uses the svyciprop-beta interval of the proportion
#   (same n.eff rescaling). With na.rm = TRUE, degf is of the design AFTER dropping the NA rows
#   (unlike svyciprop, whose degf is of the design passed in).
#
# * rake(): one pass = postStratify on each margin in turn; stops when max |change of svytable over the
#   joint table of all margin variables| < epsilon, epsilon < 1 being relative: epsilon * sum(weights).
#   Means and their SEs are invariant to a common scale of the population totals (checked below).
#   svyrecvar projects the scores on the raking margins with 10 fixed backfitting sweeps.
#
# * trimWeights(des, upper = u, strict = TRUE): weights above u are set to u and the excess is shared
#   EQUALLY (not proportionally) among the weights not outside the bounds; repeated with the same u until
#   none is above. u is fixed at the call (3 * the mean of the untrimmed weights); the total is unchanged.
#   The design's fpc/strata/clusters are untouched (only prob changes).

suppressPackageStartupMessages({
  library(survey)
  library(jsonlite)
})

args <- commandArgs(trailingOnly = FALSE)
file_arg <- sub("^--file=", "", args[grep("^--file=", args)])
script_dir <- if (length(file_arg)) dirname(normalizePath(file_arg[1])) else "tests/reference"
fixtures_dir <- normalizePath(file.path(script_dir, "..", "fixtures", "design"), mustWork = FALSE)

# ---------------------------------------------------------------------------------------------
# helpers
run <- function(code) eval(parse(text = code), envir = globalenv())
num <- function(x) {           # plain numeric, non-finite -> NA (written as null)
  x <- as.numeric(x)
  x[!is.finite(x)] <- NA
  x
}
named <- function(x, nm) { x <- as.list(num(x)); names(x) <- nm; x }
safe <- function(call, f) {    # run f(); on error record the call and R's message
  tryCatch(f(), error = function(e) list(call = call, error = conditionMessage(e)))
}
quietly <- function(expr) suppressWarnings(expr)
lit <- function(v) if (is.character(v)) sprintf('"%s"', v) else format(v)

write_fixture <- function(name, df) {
  dir <- file.path(fixtures_dir, name)
  dir.create(dir, recursive = TRUE, showWarnings = FALSE)
  path <- file.path(dir, "data.csv")
  write.csv(df, path, row.names = FALSE, na = "", fileEncoding = "UTF-8")
  path
}
read_fixture <- function(path) read.csv(path, stringsAsFactors = FALSE, na.strings = "", encoding = "UTF-8")

design_info <- function(dn) {
  des <- get(dn)
  w <- weights(des)
  list(
    call = sprintf("nrow(%s); degf(%s); w <- weights(%s)", dn, dn, dn),
    nrow = nrow(des), degf = degf(des),
    n_strata = length(unique(des$strata[, 1])), n_psu = length(unique(des$cluster[, 1])),
    weights = list(sum = sum(w), min = min(w), max = max(w), kish_n_eff = sum(w)^2 / sum(w^2),
                   first = as.numeric(head(w, 10)))
  )
}

# one mean-type metric (mean, proportion, likert mean, NPS) on one design
metric_entry <- function(dn, var, kind) {
  des <- get(dn)
  x <- des$variables[[var]]
  answered <- !is.na(x) & weights(des) != 0
  w <- weights(des)[answered]
  call <- sprintf("svymean(~%s, %s, na.rm = TRUE)", var, dn)
  m <- run(call)
  dcall <- sprintf("svymean(~%s, %s, na.rm = TRUE, deff = \"replace\")", var, dn)
  out <- list(
    kind = kind,
    svymean = list(call = call, estimate = num(coef(m)), se = num(SE(m))),
    deff_replace = list(call = dcall, deff = num(deff(run(dcall)))),
    n_answered = sum(answered),
    kish = list(call = sprintf("w <- weights(%s)[!is.na(%s$variables$%s)]; sum(w)^2 / sum(w^2)", dn, dn, var),
                n_eff = sum(w)^2 / sum(w^2), sum_w = sum(w))
  )
  if (kind == "proportion") {
    p <- coef(m); v <- vcov(m)
    out$variance_implied_n <- list(call = sprintf("p <- coef(m); p * (1 - p) / vcov(m)  # m <- %s", call),
                                   value = num(p * (1 - p) / v))
    sub_call <- sprintf("subset(%s, !is.na(%s))", dn, var)
    assign("sub_answered", run(sub_call), envir = globalenv())
    cip <- function(dname, label, design_call) {
      res <- list(design = design_call)
      dd <- get(dname)
      res$nrow <- nrow(dd); res$degf <- degf(dd)
      for (meth in c("beta", "logit")) {
        na_arg <- if (meth == "beta") ", na.rm = TRUE" else ""
        c2 <- sprintf("svyciprop(~%s, %s, method = \"%s\", level = 0.95%s)", var, dname, meth, na_arg)
        res[[meth]] <- safe(c2, function() {
          r <- quietly(run(c2))
          list(call = c2, estimate = num(r), ci = num(attr(r, "ci")))
        })
      }
      mm <- run(sprintf("svymean(~%s, %s, na.rm = TRUE)", var, dname))
      ne <- coef(mm) * (1 - coef(mm)) / vcov(mm)
      fac <- (qt(0.025, nrow(dd) - 1) / qt(0.025, degf(dd)))^2
      res$beta_n_eff <- list(
        call = sprintf("m <- svymean(~%s, %s, na.rm = TRUE); coef(m) * (1 - coef(m)) / vcov(m) * (qt(0.025, nrow(%s) - 1) / qt(0.025, degf(%s)))^2", var, dname, dname, dname),
        n_eff_unadjusted = num(ne), df_factor = num(fac), n_eff_used = num(ne * fac))
      res
    }
    out$svyciprop <- list(
      full = cip(dn, "full", dn),
      answered_subset = cip("sub_answered", "answered", sub_call)
    )
    out$svyciprop$answered_subset$note <- sprintf("in the calls, sub_answered <- %s", sub_call)
  }
  out
}

quantile_entry <- function(dn, var, probs, na) {
  na_arg <- if (na) ", na.rm = TRUE" else ""
  qs <- paste0("c(", paste(probs, collapse = ", "), ")")
  one <- function(call) safe(call, function() {
    q <- quietly(run(call))[[1]]
    list(call = call, quantile = num(q[, 1]), ci_lower = num(q[, 2]), ci_upper = num(q[, 3]), se = num(q[, 4]))
  })
  des <- get(dn)
  dd <- if (na) des[!is.na(des$variables[[var]]), ] else des
  list(
    probs = probs,
    degf_used = degf(dd),
    mean = one(sprintf("svyquantile(~%s, %s, quantiles = %s, ci = TRUE%s)", var, dn, qs, na_arg)),
    beta = one(sprintf("svyquantile(~%s, %s, quantiles = %s, ci = TRUE, interval.type = \"beta\"%s)", var, dn, qs, na_arg)),
    unweighted = one(sprintf("svyquantile(~%s, svydesign(ids = ~1, weights = ~one, data = d), quantiles = %s, ci = TRUE%s)", var, qs, na_arg))
  )
}

# one breakdown (by) of several metrics on one design
breakdown_entry <- function(dn, by, metric_specs) {
  des <- get(dn)
  levels_ <- sort(unique(des$variables[[by]][weights(des) != 0]))
  groups <- list()
  for (lv in levels_) {
    sc <- sprintf("subset(%s, %s == %s)", dn, by, lit(lv))
    s <- run(sc)
    groups[[as.character(lv)]] <- list(call = sc, nrow = nrow(s), degf = degf(s), sum_w = sum(weights(s)))
  }
  out <- list(by = by, groups = groups, metrics = list())
  for (mid in names(metric_specs)) {
    sp <- metric_specs[[mid]]; var <- sp$var
    e <- list(variable = var, kind = sp$kind)
    gsub_ <- list()
    for (lv in levels_) {
      sc <- sprintf("subset(%s, %s == %s & !is.na(%s))", dn, by, lit(lv), var)
      s <- run(sc)
      gsub_[[as.character(lv)]] <- list(call = sc, nrow = nrow(s), degf = degf(s))
    }
    e$answered_groups <- gsub_
    bc <- sprintf("svyby(~%s, ~%s, %s, svymean, na.rm = TRUE)", var, by, dn)
    e$svyby <- safe(bc, function() {
      b <- quietly(run(bc))
      list(call = bc, groups = as.character(b[[by]]), estimate = num(coef(b)), se = num(SE(b)))
    })
    if (sp$kind == "proportion") {
      cc <- sprintf("svyby(~%s, ~%s, %s, svyciprop, method = \"beta\", vartype = \"ci\", na.rm = TRUE)", var, by, dn)
      e$svyby_ciprop_beta <- safe(cc, function() {
        b <- quietly(run(cc))   # confint(b) would fail (no SE column): read the ci_l / ci_u columns
        list(call = cc, groups = as.character(b[[by]]), estimate = num(coef(b)),
             ci_lower = num(b$ci_l), ci_upper = num(b$ci_u))
      })
      # stickiness's groups: the respondents who answered the metric (its denominator), so the subset's nrow and
      # degf are those of the answered subset.
      ca <- sprintf("svyby(~%s, ~%s, subset(%s, !is.na(%s)), svyciprop, method = \"beta\", vartype = \"ci\", na.rm = TRUE)", var, by, dn, var)
      e$svyby_ciprop_beta_answered <- safe(ca, function() {
        b <- quietly(run(ca))
        list(call = ca, groups = as.character(b[[by]]), estimate = num(coef(b)), ci_lower = num(b$ci_l), ci_upper = num(b$ci_u))
      })
      # Each group against the rest: the Rao-Scott test on the 2 x 2 table (group or not) x (success or not).
      vr <- list()
      for (lv in levels_) {
        xc <- sprintf("svychisq(~%s + vs_rest, update(%s, vs_rest = (%s == %s)), statistic = \"F\")", var, dn, by, lit(lv))
        vr[[as.character(lv)]] <- safe(xc, function() {
          r <- quietly(run(xc))
          list(call = xc, statistic = num(r$statistic), ndf = num(r$parameter["ndf"]), ddf = num(r$parameter["ddf"]), p_value = num(r$p.value))
        })
      }
      e$svychisq_vs_rest <- vr
      for (st in c("F", "Chisq")) {
        xc <- sprintf("svychisq(~%s + %s, %s, statistic = \"%s\")", var, by, dn, st)
        e[[paste0("svychisq_", st)]] <- safe(xc, function() {
          r <- quietly(run(xc))
          res <- list(call = xc, statistic = num(r$statistic), p_value = num(r$p.value), method = r$method)
          if (st == "F") { res$ndf <- num(r$parameter["ndf"]); res$ddf <- num(r$parameter["ddf"]) }
          else res$df <- num(r$parameter["df"])
          res
        })
      }
    } else {
      gc <- sprintf("svyglm(%s ~ factor(%s), %s)", var, by, dn)
      rc <- sprintf("regTermTest(%s, ~factor(%s))", gc, by)
      e$regTermTest <- safe(rc, function() {
        r <- quietly(run(rc))
        list(call = rc, Ftest = num(r$Ftest), df = num(r$df), ddf = num(r$ddf), p = num(r$p))
      })
      rci <- sprintf("regTermTest(%s, ~factor(%s), df = Inf)", gc, by)
      e$regTermTest_df_Inf <- safe(rci, function() {
        r <- quietly(run(rci))
        list(call = rci, chisq = num(r$chisq), df = num(r$df), p = num(r$p))
      })
    }
    gvr <- list()
    for (lv in levels_) {
      gc <- sprintf("svyglm(%s ~ I(%s == %s), %s)", var, by, lit(lv), dn)
      gvr[[as.character(lv)]] <- safe(gc, function() {
        fit <- quietly(run(gc))
        est <- as.numeric(coef(fit)[2]); se <- as.numeric(SE(fit)[2]); t <- est / se
        dfr <- fit$df.residual; dg <- degf(fit$survey.design)
        list(call = gc, coefficient = est, se = se, t = t,
             df_residual = dfr, p_t_df_residual = 2 * pt(-abs(t), dfr),
             degf = dg, p_t_degf = 2 * pt(-abs(t), dg),
             p_normal = 2 * pnorm(-abs(t)))
      })
    }
    e$group_vs_rest <- gvr
    out$metrics[[mid]] <- e
  }
  out
}

quantile_breakdown_entry <- function(dn, var, by, na) {
  na_arg <- if (na) ", na.rm = TRUE" else ""
  qc <- sprintf("svyby(~%s, ~%s, %s, svyquantile, quantiles = 0.5, ci = TRUE, vartype = c(\"se\", \"ci\")%s)", var, by, dn, na_arg)
  safe(qc, function() {
    b <- quietly(run(qc))   # the ci_l / ci_u columns are the Woodruff interval (confint(b) would be coef +- 1.96 SE)
    list(call = qc, groups = as.character(b[[by]]), median = num(coef(b)), se = num(SE(b)),
         ci_lower = num(b$ci_l), ci_upper = num(b$ci_u))
  })
}

raw_tests <- function(spec) {
  out <- list()
  for (bd in spec$breakdowns) {
    for (mid in bd$metrics) {
      sp <- spec$metrics[[mid]]
      if (sp$kind == "proportion") next
      res <- list()
      for (ve in c(TRUE, FALSE)) {
        oc <- sprintf("oneway.test(%s ~ factor(%s), data = d, var.equal = %s)", sp$var, bd$by, ve)
        res[[if (ve) "anova" else "welch"]] <- safe(oc, function() {
          r <- run(oc)
          list(call = oc, F = num(r$statistic), num_df = num(r$parameter[1]), denom_df = num(r$parameter[2]),
               p_value = num(r$p.value))
        })
      }
      out[[paste0(mid, "_by_", bd$by)]] <- res
    }
  }
  out
}

run_fixture <- function(spec) {
  assign("d", read_fixture(spec$csv), envir = globalenv())
  for (stmt in spec$derived) run(stmt)
  for (stmt in spec$setup) run(stmt)
  out <- list(
    folder = paste0("tests/fixtures/design/", spec$name),
    description = spec$description,
    data = c(list(read_call = sprintf("d <- read.csv('tests/fixtures/design/%s/data.csv', stringsAsFactors = FALSE, na.strings = '', encoding = 'UTF-8')", spec$name),
                  derived = spec$derived, setup = spec$setup, n = nrow(d),
                  missing = as.list(sapply(d, function(x) sum(is.na(x))))), spec$data_extra),
    designs = list()
  )
  for (dn in names(spec$designs)) {
    ds <- spec$designs[[dn]]
    opt <- if (is.null(ds$lonely)) "adjust" else ds$lonely
    options(survey.lonely.psu = opt)
    assign(dn, quietly(run(ds$call)), envir = globalenv())
    entry <- list(call = paste(dn, "<-", ds$call), note = ds$note,
                  lonely_psu = sprintf("options(survey.lonely.psu = \"%s\")", opt),
                  info = design_info(dn), metrics = list())
    if (!is.null(ds$extra)) entry <- c(entry, ds$extra())
    for (mid in names(spec$metrics)) {
      sp <- spec$metrics[[mid]]
      entry$metrics[[mid]] <- safe(sprintf("svymean(~%s, %s, na.rm = TRUE)", sp$var, dn),
                                   function() metric_entry(dn, sp$var, sp$kind))
    }
    if (!isTRUE(ds$metrics_only)) {
      entry$quantiles <- list()
      for (qid in names(spec$quantiles)) {
        q <- spec$quantiles[[qid]]
        entry$quantiles[[qid]] <- quantile_entry(dn, q$var, q$probs, any(is.na(d[[q$var]])))
      }
      entry$breakdowns <- list()
      for (bd in spec$breakdowns) {
        entry$breakdowns[[paste0("by_", bd$by)]] <- breakdown_entry(dn, bd$by, spec$metrics[bd$metrics])
      }
      if (!is.null(spec$quantile_breakdown)) {
        qb <- spec$quantile_breakdown
        entry$quantile_breakdown <- quantile_breakdown_entry(dn, qb$var, qb$by, any(is.na(d[[qb$var]])))
      }
    }
    out$designs[[dn]] <- entry
  }
  options(survey.lonely.psu = "adjust")
  rt <- raw_tests(spec)
  if (length(rt)) out$unweighted_tests <- rt
  if (!is.null(spec$extra)) out <- c(out, spec$extra())
  out
}

data(api)
data(nhanes)
fixtures <- list()
api_cols <- c("stype", "snum", "dnum", "sch.wide", "awards", "api00", "enroll")
api_metrics <- list(
  api00_mean = list(var = "api00", kind = "mean"),
  enroll_mean = list(var = "enroll", kind = "mean"),
  sch_wide_yes = list(var = "sch_wide_yes", kind = "proportion"),
  awards_yes = list(var = "awards_yes", kind = "proportion")
)
api_derived <- c("d$sch_wide_yes <- as.numeric(d$sch.wide == \"Yes\")",
                 "d$awards_yes <- as.numeric(d$awards == \"Yes\")",
                 "d$one <- 1")
api_quantiles <- list(api00_quantiles = list(var = "api00", probs = c(0.25, 0.5, 0.75)))
api_breakdowns <- list(list(by = "stype", metrics = c("api00_mean", "sch_wide_yes")),
                       list(by = "awards", metrics = c("api00_mean", "enroll_mean", "sch_wide_yes")))

# ---------------------------------------------------------------------------------------------
# 1. apistrat: stratified SRS by school type, fpc = stratum population counts
options(survey.lonely.psu = "adjust")
fixtures$apistrat <- run_fixture(list(
  name = "apistrat",
  description = "survey::apistrat (200 schools, stratified by stype) with columns stype, snum, dnum, sch.wide, awards, api00, enroll, fpc, pw",
  csv = write_fixture("apistrat", apistrat[, c(api_cols, "fpc", "pw")]),
  derived = api_derived,
  designs = list(des = list(call = "svydesign(id = ~1, strata = ~stype, weights = ~pw, fpc = ~fpc, data = d)",
                            note = "yaml: weighting { method: column, column: pw }, design { strata: stype, fpc: fpc }")),
  metrics = api_metrics, quantiles = api_quantiles, breakdowns = api_breakdowns,
  quantile_breakdown = list(var = "api00", by = "stype")
))

# 2. apiclus1: one-stage cluster sample of districts, fpc = number of districts (757)
fixtures$apiclus1 <- run_fixture(list(
  name = "apiclus1",
  description = "survey::apiclus1 (183 schools in 15 sampled districts) with columns stype, snum, dnum, sch.wide, awards, api00, enroll, fpc, pw",
  csv = write_fixture("apiclus1", apiclus1[, c(api_cols, "fpc", "pw")]),
  derived = api_derived,
  designs = list(des = list(call = "svydesign(id = ~dnum, weights = ~pw, fpc = ~fpc, data = d)",
                            note = "yaml: weighting { method: column, column: pw }, design { ids: dnum, fpc: fpc }")),
  metrics = api_metrics, quantiles = api_quantiles, breakdowns = api_breakdowns,
  quantile_breakdown = list(var = "api00", by = "stype")
))

# 3. apiclus2: two-stage cluster sample (districts, then up to 5 schools), fpc at both stages
a2 <- apiclus2[, c(api_cols, "fpc1", "fpc2", "pw")]
a2$fpc2 <- as.integer(a2$fpc2)   # drop the 1-d array's dimnames
fixtures$apiclus2 <- run_fixture(list(
  name = "apiclus2",
  description = "survey::apiclus2 (126 schools: 40 districts, then up to 5 schools in each) with columns stype, snum, dnum, sch.wide, awards, api00, enroll (6 missing), fpc1, fpc2, pw",
  csv = write_fixture("apiclus2", a2),
  derived = api_derived,
  designs = list(
    des = list(call = "svydesign(id = ~dnum + snum, fpc = ~fpc1 + fpc2, weights = ~pw, data = d)",
               note = "yaml: weighting { method: column, column: pw }, design { ids: [dnum, snum], fpc: [fpc1, fpc2] }"),
    des_noweights = list(
      call = "svydesign(id = ~dnum + snum, fpc = ~fpc1 + fpc2, data = d)",
      note = "no weights: R derives them from the fpc, w = (fpc1 / number of sampled districts) * (fpc2 / number of sampled schools in the district)",
      extra = function() {
        w <- weights(des_noweights)
        n1 <- length(unique(d$dnum))
        n2 <- as.numeric(ave(d$snum, d$dnum, FUN = function(s) length(unique(s))))
        rule <- (d$fpc1 / n1) * (d$fpc2 / n2)
        list(derived_weights = list(
          call = "weights(des_noweights)",
          first = as.numeric(head(w, 12)),
          first_rows = list(dnum = head(d$dnum, 12), fpc1 = head(d$fpc1, 12), fpc2 = head(d$fpc2, 12),
                            n2_sampled_in_psu = head(n2, 12), pw = head(d$pw, 12)),
          rule = "w = (fpc1 / n1) * (fpc2 / n2): n1 = number of distinct dnum (stage-1 stratum: the whole sample), n2 = number of distinct snum in the row's dnum",
          rule_check_max_abs_diff = max(abs(w - rule)),
          max_abs_diff_from_pw = max(abs(w - d$pw)),
          n_differing_from_pw = sum(abs(w - d$pw) > 1e-9),
          summary = list(sum = sum(w), min = min(w), max = max(w))))
      })),
  metrics = api_metrics, quantiles = api_quantiles, breakdowns = api_breakdowns,
  quantile_breakdown = list(var = "api00", by = "stype"),
  extra = function() {
    # the two-stage fpc formula by hand, to show what R computes (design des, variable api00)
    des <- get("des")
    m <- svymean(~api00, des)
    x <- (d$api00 - coef(m)) * d$pw / sum(d$pw)
    t1 <- tapply(x, d$dnum, sum); n1 <- length(t1); N1 <- d$fpc1[1]
    v1 <- (N1 - n1) / N1 * n1 / (n1 - 1) * sum((t1 - mean(t1))^2)
    v2 <- sum(sapply(split(seq_len(nrow(d)), d$dnum), function(ix) {
      n2 <- length(ix); N2 <- d$fpc2[ix][1]
      if (n2 < 2) return(0)          # n2 = 1 occurs only with N2 = 1 here (f2 = 0)
      (N2 - n2) / N2 * n2 / (n2 - 1) * sum((x[ix] - mean(x[ix]))^2) * n1 / N1
    }))
    list(two_stage_variance_by_hand = list(
      call = "svymean(~api00, des) vs. hand formula",
      formula = "V = (N1-n1)/N1 * n1/(n1-1) * sum_i (t_i - tbar)^2 + sum_i (n1/N1) * (N2i-n2i)/N2i * n2i/(n2i-1) * sum_j (x_ij - xbar_i)^2, x = w (y - ybar) / sum(w)",
      svymean_var = as.numeric(vcov(m)), stage1 = v1, stage2 = v2, hand_total = v1 + v2,
      ultimate_cluster_var = as.numeric(vcov(svymean(~api00, svydesign(id = ~dnum, weights = ~pw, data = d))))),
      # district 15 has one sampled school of 1 (a census); said to have 3, it is a lonely stratum of stage 2
      lonely_stage2 = local({
        d3 <- d; d3$fpc2[d3$dnum == 15] <- 3
        under <- function(opt) { options(survey.lonely.psu = opt); on.exit(options(survey.lonely.psu = "adjust"))
          tryCatch({ m <- svymean(~api00, svydesign(id = ~dnum + snum, fpc = ~fpc1 + fpc2, weights = ~pw, data = d3)); list(estimate = num(coef(m)), se = num(SE(m))) },
                   error = function(e) list(error = conditionMessage(e))) }
        list(call = "d3 <- d; d3$fpc2[d3$dnum == 15] <- 3; options(survey.lonely.psu = <rule>); svymean(~api00, svydesign(id = ~dnum + snum, fpc = ~fpc1 + fpc2, weights = ~pw, data = d3))",
             adjust = under("adjust"), certainty = under("certainty"), average = under("average"), fail = under("fail"))
      }))
  }
))

# ---------------------------------------------------------------------------------------------
# 4. nhanes: stratified (15 strata) 2-PSU-per-stratum design, PSU labels 1/2 restart in each stratum
nh <- nhanes[, c("SDMVPSU", "SDMVSTRA", "WTMEC2YR", "HI_CHOL", "race", "agecat", "RIAGENDR")]
nh$agecat <- as.character(nh$agecat)
shares_gender <- c("1" = 0.49, "2" = 0.51)
shares_race <- c("1" = 0.18, "2" = 0.62, "3" = 0.12, "4" = 0.08)
fixtures$nhanes <- run_fixture(list(
  name = "nhanes",
  description = "survey::nhanes (NHANES 2009-2010 subset, 8591 people): SDMVPSU, SDMVSTRA, WTMEC2YR, HI_CHOL (745 missing), race, agecat, RIAGENDR",
  csv = write_fixture("nhanes", nh),
  derived = c("d$one <- 1"),
  setup = c(
    "des0 <- svydesign(id = ~SDMVPSU, strata = ~SDMVSTRA, weights = ~WTMEC2YR, nest = TRUE, data = d)",
    "popG <- data.frame(RIAGENDR = c(1, 2), Freq = c(0.49, 0.51) * sum(weights(des0)))",
    "popR <- data.frame(race = c(1, 2, 3, 4), Freq = c(0.18, 0.62, 0.12, 0.08) * sum(weights(des0)))"),
  data_extra = list(benchmarks = list(RIAGENDR = as.list(shares_gender), race = as.list(shares_race))),
  designs = list(
    des = list(call = "svydesign(id = ~SDMVPSU, strata = ~SDMVSTRA, weights = ~WTMEC2YR, nest = TRUE, data = d)",
               note = "yaml survey.yaml: weighting { method: column, column: WTMEC2YR }, design { ids: SDMVPSU, strata: SDMVSTRA, nest: true }"),
    raked = list(call = "rake(des, list(~RIAGENDR, ~race), list(popG, popR), control = list(maxit = 100, epsilon = 1e-10))",
                 note = "yaml survey-raked.yaml: weighting { method: rake, column: WTMEC2YR, by: [RIAGENDR, race] } on the same design; population totals = shares * sum of the design weights")),
  metrics = list(hi_chol = list(var = "HI_CHOL", kind = "proportion")),
  breakdowns = list(list(by = "race", metrics = "hi_chol"), list(by = "agecat", metrics = "hi_chol"),
                    list(by = "RIAGENDR", metrics = "hi_chol")),
  extra = function() {
    popG1 <- data.frame(RIAGENDR = c(1, 2), Freq = c(0.49, 0.51))
    popR1 <- data.frame(race = c(1, 2, 3, 4), Freq = c(0.18, 0.62, 0.12, 0.08))
    r1 <- rake(des, list(~RIAGENDR, ~race), list(popG1, popR1), control = list(maxit = 100, epsilon = 1e-10))
    m0 <- svymean(~HI_CHOL, raked, na.rm = TRUE); m1 <- svymean(~HI_CHOL, r1, na.rm = TRUE)
    b0 <- svyby(~HI_CHOL, ~race, raked, svymean, na.rm = TRUE); b1 <- svyby(~HI_CHOL, ~race, r1, svymean, na.rm = TRUE)
    list(rake_total_invariance = list(
      call = "rake(des, ..., list(popG1, popR1)) with Freq = the shares themselves (total 1) vs. raked",
      max_abs_diff_estimate = max(abs(c(coef(m0) - coef(m1), coef(b0) - coef(b1)))),
      max_abs_diff_se = max(abs(c(SE(m0) - SE(m1), SE(b0) - SE(b1)))),
      weights_ratio = as.numeric(weights(raked)[1] / weights(r1)[1]),
      note = "means and SEs do not depend on the population total, only on the shares (weights scale by the total)"),
      raked_margins = list(call = "svytable(~RIAGENDR, raked); svytable(~race, raked) as shares",
                           RIAGENDR = as.list(prop.table(svytable(~RIAGENDR, raked))),
                           race = as.list(prop.table(svytable(~race, raked)))),
      not_nested_error = list(call = "svydesign(id = ~SDMVPSU, strata = ~SDMVSTRA, weights = ~WTMEC2YR, nest = FALSE, data = d)",
                              error = tryCatch({ svydesign(id = ~SDMVPSU, strata = ~SDMVSTRA, weights = ~WTMEC2YR, nest = FALSE, data = d); NA },
                                               error = function(e) conditionMessage(e))))
  }
))

# ---------------------------------------------------------------------------------------------
# 5. lonely: 5 strata, 13 PSUs, stratum S4 has a single PSU; no fpc
set.seed(20240611)
psu_per_stratum <- c(S1 = 3, S2 = 2, S3 = 4, S4 = 1, S5 = 3)
rows <- list()
for (h in names(psu_per_stratum)) {
  for (k in seq_len(psu_per_stratum[[h]])) {
    m <- sample(18:28, 1)
    psu <- paste0(h, "P", k)
    heff <- c(S1 = 0, S2 = 3, S3 = -2, S4 = 6, S5 = 1)[[h]]
    ueff <- rnorm(1, 0, 2)
    yv <- round(50 + heff + ueff + rnorm(m, 0, 8), 1)
    zv <- rbinom(m, 1, plogis(-0.3 + heff / 6 + ueff / 3))
    gv <- sample(c("a", "b", "c"), m, replace = TRUE, prob = c(0.5, 0.3, 0.2))
    wv <- round(runif(m, 5, 25) * c(S1 = 1, S2 = 2, S3 = 0.8, S4 = 3, S5 = 1.5)[[h]], 2)
    rows[[psu]] <- data.frame(stratum = h, psu = psu, w = wv, y = yv, z = zv, g = gv, stringsAsFactors = FALSE)
  }
}
lon <- do.call(rbind, rows); rownames(lon) <- NULL
lon$y[sample(nrow(lon), 6)] <- NA
lonely_designs <- list()
for (opt in c("adjust", "average", "certainty", "remove", "fail")) {
  lonely_designs[[paste0("des_", opt)]] <- list(
    call = "svydesign(id = ~psu, strata = ~stratum, weights = ~w, data = d)", lonely = opt,
    note = sprintf("options(survey.lonely.psu = \"%s\") set before every computation on this design; yaml lonelyPsu: %s", opt, opt),
    metrics_only = opt == "fail")
}
fixtures$lonely <- run_fixture(list(
  name = "lonely",
  description = "synthetic: 5 strata (S1..S5) with 3, 2, 4, 1, 3 PSUs (labels S1P1.. unique), weights w, numeric y (6 missing), 0/1 z, 3-level g; stratum S4 has ONE PSU",
  csv = write_fixture("lonely", lon),
  derived = c("d$one <- 1", "d$z1 <- as.numeric(d$z == 1)"),
  data_extra = list(seed = 20240611L, psu_per_stratum = as.list(psu_per_stratum)),
  designs = lonely_designs,
  metrics = list(y_mean = list(var = "y", kind = "mean"), z_1 = list(var = "z1", kind = "proportion")),
  quantiles = list(y_quantiles = list(var = "y", probs = c(0.25, 0.5, 0.75))),
  breakdowns = list(list(by = "g", metrics = c("y_mean", "z_1"))),
  extra = function() {
    # the lonely-PSU rules by hand for svymean(~y, ., na.rm = TRUE)
    a <- d[!is.na(d$y), ]
    ybar <- sum(a$w * a$y) / sum(a$w)
    x <- a$w * (a$y - ybar) / sum(a$w)
    vh <- sapply(split(seq_len(nrow(a)), a$stratum), function(ix) {
      t <- tapply(x[ix], a$psu[ix], sum); n <- length(t)
      if (n == 1) NA else n / (n - 1) * sum((t - mean(t))^2)
    })
    t_lonely <- sum(x[a$stratum == "S4"])
    v_cert <- sum(vh, na.rm = TRUE)
    list(lonely_variance_by_hand = list(
      call = "x <- w * (y - ybar) / sum(w) over rows with y; per stratum n/(n-1) * sum((t_psu - mean(t_psu))^2)",
      stratum_variances = as.list(vh), lonely_psu_total = t_lonely,
      certainty_and_remove = v_cert, adjust = v_cert + t_lonely^2,
      average = v_cert * length(vh) / sum(!is.na(vh)),
      svymean_var = list(adjust = as.numeric(vcov(svymean(~y, des_adjust, na.rm = TRUE))),
                         note = "compare se^2 of designs.des_*.metrics.y_mean")))
  }
))

# ---------------------------------------------------------------------------------------------
# 6. trim: weight column only (ids = ~1), some very large weights so trimWeights(upper = 3 * mean) trims
set.seed(20240612)
n_t <- 200
w_t <- round(runif(n_t, 0.5, 2.5), 2)
w_t[sample(n_t, 5)] <- c(14, 18, 22, 27, 35)    # far above the bound
w_t[sample(which(w_t < 3), 3)] <- c(6.0, 6.3, 6.6)   # just under 3 * mean: pushed over by the redistribution
# trimWeights(strict = TRUE) recurses while any(1/prob > upper). Weights set to the bound are stored as
# prob = 1/upper, and 1/(1/upper) can exceed upper by one ulp: then it recurses until the C stack
# overflows ("C stack usage ... is too close to the limit"). With the seed's weights exactly that
# happens (u = 6.2797499999999999); adding 0.01 to the first weight gives a bound that round-trips.
w_seed <- w_t
w_t[1] <- w_t[1] + 0.01
trim_passes <- function(w, multiple = 3, max_passes = 50) {   # passes of trimWeights(strict = FALSE)
  x <- svydesign(ids = ~1, weights = ~w, data = data.frame(w = w)); u <- multiple * mean(weights(x))
  for (i in 0:max_passes) { if (!any(weights(x, "sampling") > u)) return(i); x <- trimWeights(x, upper = u) }
  NA
}
stopifnot(!is.na(trim_passes(w_t)))
x_t <- round(40 + 3 * w_t + rnorm(n_t, 0, 10), 1)
z_t <- rbinom(n_t, 1, plogis(-1 + 0.15 * w_t))
g_t <- sample(c("north", "south"), n_t, replace = TRUE)
trim_df <- data.frame(w = w_t, z = z_t, x = x_t, g = g_t, stringsAsFactors = FALSE)
fixtures$trim <- run_fixture(list(
  name = "trim",
  description = "synthetic: 200 rows, weight column w (mostly 0.5-2.5, five of 14-35, three of 6.0-6.6), 0/1 z, numeric x, 2-level g; no design (ids = ~1)",
  csv = write_fixture("trim", trim_df),
  derived = c("d$one <- 1", "d$z1 <- as.numeric(d$z == 1)"),
  setup = c("untrimmed <- svydesign(ids = ~1, weights = ~w, data = d)"),
  data_extra = list(seed = 20240612L),
  designs = list(
    untrimmed = list(call = "svydesign(ids = ~1, weights = ~w, data = d)", note = "the design weights as they are (no trim)"),
    trimmed = list(call = "trimWeights(untrimmed, upper = 3 * mean(weights(untrimmed)), strict = TRUE)",
                   note = "yaml: weighting { method: column, column: w, trim: 3 }",
                   extra = function() {
                     w0 <- weights(untrimmed); w1 <- weights(trimmed); u <- 3 * mean(w0)
                     once <- trimWeights(untrimmed, upper = u, strict = FALSE)
                     list(trim = list(
                       call = "u <- 3 * mean(weights(untrimmed)); w1 <- weights(trimmed)",
                       bound = u, n_above_bound_before = sum(w0 > u),
                       n_above_bound_after_one_pass = sum(weights(once) > u * (1 + 1e-12)),
                       passes = trim_passes(d$w),
                       passes_note = "number of trimWeights(strict = FALSE) passes strict = TRUE makes (each caps at u and shares the excess equally among the weights not above u)",
                       seed_weights_overflow = list(bound = 3 * mean(w_seed), bound_roundtrip_exceeds = (1 / (1 / (3 * mean(w_seed)))) > 3 * mean(w_seed),
                                                    note = "with the seed's weights (before w[1] + 0.01) R's strict recursion never ends: 1/(1/u) > u, so weights at the bound count as above it"),
                       n_at_bound_after = sum(abs(w1 - u) < 1e-9 * u),
                       n_trimmed = sum(w1 < w0 - 1e-9 * u),
                       sum_before = sum(w0), sum_after = sum(w1), max_after = max(w1),
                       weights_after = as.numeric(w1)))
                   })),
  metrics = list(z_1 = list(var = "z1", kind = "proportion"), x_mean = list(var = "x", kind = "mean")),
  quantiles = list(x_quantiles = list(var = "x", probs = c(0.25, 0.5, 0.75))),
  breakdowns = list(list(by = "g", metrics = c("z_1", "x_mean")))
))

# ---------------------------------------------------------------------------------------------
# 7. synthetic: 6 strata (= region), 40 PSUs (labels restart in each stratum -> nest = TRUE), fpc =
#    stratum PSU population counts, design weights; likert sat, nps, use, score, gender, region
set.seed(20240613)
regions <- c("north", "south", "east", "west", "centre", "islands")
n_psu <- c(north = 10, south = 8, east = 7, west = 6, centre = 5, islands = 4)
N_psu <- c(north = 120, south = 60, east = 90, west = 30, centre = 25, islands = 9)
sat_labels <- c("very unsatisfied", "unsatisfied", "neutral", "satisfied", "very satisfied")
use_levels <- c("daily", "weekly", "monthly", "rarely")
rows <- list()
for (h in regions) {
  for (k in seq_len(n_psu[[h]])) {
    m <- sample(18:32, 1)
    ueff <- rnorm(1, 0, 0.5)
    reff <- c(north = 0.3, south = -0.2, east = 0, west = 0.5, centre = -0.4, islands = 0.8)[[h]]
    use <- sample(use_levels, m, replace = TRUE, prob = c(0.35, 0.3, 0.2, 0.15))
    ueff_use <- c(daily = 0.5, weekly = 0.2, monthly = -0.2, rarely = -0.6)[use]
    gender <- sample(c("female", "male", "other"), m, replace = TRUE, prob = c(0.47, 0.49, 0.04))
    lat <- 3.3 + reff + ueff + ueff_use + rnorm(m, 0, 1)
    sat <- sat_labels[pmin(5, pmax(1, round(lat)))]
    nps <- as.integer(pmin(10, pmax(0, round(2 * lat + rnorm(m, 0, 1.5)))))
    score <- round(60 + 8 * (lat - 3.3) + rnorm(m, 0, 12), 1)
    wv <- round(N_psu[[h]] / n_psu[[h]] * runif(m, 8, 16), 3)
    rows[[paste(h, k)]] <- data.frame(region = h, psu = k, fpc = N_psu[[h]], w = wv, sat = sat, nps = nps,
                                      use = use, score = score, gender = gender, stringsAsFactors = FALSE)
  }
}
syn <- do.call(rbind, rows); rownames(syn) <- NULL
syn$sat[sample(nrow(syn), 25)] <- NA
syn$score[sample(nrow(syn), 30)] <- NA
syn$nps[sample(nrow(syn), 12)] <- NA
shares_sgender <- c(female = 0.5, male = 0.47, other = 0.03)
shares_region <- c(north = 0.3, south = 0.15, east = 0.2, west = 0.12, centre = 0.15, islands = 0.08)
fixtures$synthetic <- run_fixture(list(
  name = "synthetic",
  description = "synthetic: 6 strata (region) with 10, 8, 7, 6, 5, 4 PSUs (psu = 1..k within each region), fpc = PSUs in the region's population, weights w; sat (5-point likert labels, 25 missing), nps 0-10 (12 missing), use, score (30 missing), gender",
  csv = write_fixture("synthetic", syn),
  derived = c(
    "d$one <- 1",
    "d$sat_code <- match(d$sat, c('very unsatisfied', 'unsatisfied', 'neutral', 'satisfied', 'very satisfied'))",
    "d$sat_top2 <- as.numeric(d$sat_code >= 4)",
    "d$nps_score <- ifelse(d$nps >= 9, 100, ifelse(d$nps <= 6, -100, 0))",
    "d$use_daily_weekly <- as.numeric(d$use %in% c('daily', 'weekly'))"),
  setup = c(
    "des0 <- svydesign(id = ~psu, strata = ~region, fpc = ~fpc, weights = ~w, nest = TRUE, data = d)",
    "popGender <- data.frame(gender = c('female', 'male', 'other'), Freq = c(0.5, 0.47, 0.03) * sum(weights(des0)))",
    "popRegion <- data.frame(region = c('north', 'south', 'east', 'west', 'centre', 'islands'), Freq = c(0.3, 0.15, 0.2, 0.12, 0.15, 0.08) * sum(weights(des0)))"),
  data_extra = list(seed = 20240613L, n_psu = as.list(n_psu), N_psu = as.list(N_psu),
                    benchmarks = list(gender = as.list(shares_sgender), region = as.list(shares_region))),
  designs = list(
    des = list(call = "svydesign(id = ~psu, strata = ~region, fpc = ~fpc, weights = ~w, nest = TRUE, data = d)",
               note = "yaml survey.yaml: weighting { method: column, column: w }, design { strata: region, ids: psu, fpc: fpc, nest: true }"),
    raked = list(call = "rake(des, list(~gender, ~region), list(popGender, popRegion), control = list(maxit = 100, epsilon = 1e-10))",
                 note = "yaml survey-raked.yaml: weighting { method: rake, column: w, by: [gender, region] } on the same design"),
    poststratified = list(call = "postStratify(des, ~gender, popGender)",
                          note = "yaml survey-post.yaml: weighting { method: poststratify, column: w, by: [gender] } on the same design")),
  metrics = list(
    sat_top2 = list(var = "sat_top2", kind = "proportion"),
    sat_mean = list(var = "sat_code", kind = "mean"),
    nps = list(var = "nps_score", kind = "mean"),
    use_daily_weekly = list(var = "use_daily_weekly", kind = "proportion"),
    score_mean = list(var = "score", kind = "mean")),
  quantiles = list(score_quantiles = list(var = "score", probs = c(0.25, 0.5, 0.75))),
  breakdowns = list(list(by = "use", metrics = c("sat_top2", "nps", "score_mean")),
                    list(by = "gender", metrics = c("sat_top2", "nps", "score_mean"))),
  quantile_breakdown = list(var = "score", by = "use"),
  extra = function() {
    list(not_nested_error = list(
      call = "svydesign(id = ~psu, strata = ~region, fpc = ~fpc, weights = ~w, nest = FALSE, data = d)",
      error = tryCatch({ svydesign(id = ~psu, strata = ~region, fpc = ~fpc, weights = ~w, nest = FALSE, data = d); NA },
                       error = function(e) conditionMessage(e))))
  }
))

# ---------------------------------------------------------------------------------------------
# 8. skipped: the synthetic data with gender unanswered in 3 of the islands' 4 PSUs and in 20 other rows.
#    Raked on gender and region, those respondents carry no weight: R's way is to subset the design to
#    those who answered and rake that. The subset (uncalibrated, so its rows are dropped) keeps the full
#    design's n_h: islands keeps its 4 PSUs (not lonely), though only one of them has a weighted respondent;
#    degf counts the PSUs left, less their strata (info.degf).
skp <- syn
skp$gender[skp$region == "islands" & skp$psu != 1] <- NA
set.seed(20261203)
skp$gender[sample(which(!is.na(skp$gender)), 20)] <- NA
fixtures$skipped <- run_fixture(list(
  name = "skipped",
  description = "the synthetic data (fixture 7) with gender blank in PSUs 2-4 of islands and in 20 other rows",
  csv = write_fixture("skipped", skp),
  derived = c(
    "d$one <- 1",
    "d$sat_code <- match(d$sat, c('very unsatisfied', 'unsatisfied', 'neutral', 'satisfied', 'very satisfied'))",
    "d$sat_top2 <- as.numeric(d$sat_code >= 4)",
    "d$nps_score <- ifelse(d$nps >= 9, 100, ifelse(d$nps <= 6, -100, 0))",
    "d$use_daily_weekly <- as.numeric(d$use %in% c('daily', 'weekly'))"),
  setup = c(
    "kept0 <- subset(svydesign(id = ~psu, strata = ~region, fpc = ~fpc, weights = ~w, nest = TRUE, data = d), !is.na(gender))",
    "popGender <- data.frame(gender = c('female', 'male', 'other'), Freq = c(0.5, 0.47, 0.03) * sum(weights(kept0)))",
    "popRegion <- data.frame(region = c('north', 'south', 'east', 'west', 'centre', 'islands'), Freq = c(0.3, 0.15, 0.2, 0.12, 0.15, 0.08) * sum(weights(kept0)))"),
  data_extra = list(gender_missing = sum(is.na(skp$gender))),
  designs = list(
    raked = list(call = "rake(kept0, list(~gender, ~region), list(popGender, popRegion), control = list(maxit = 100, epsilon = 1e-10))",
                 note = "yaml survey.yaml: weighting { method: rake, column: w, by: [gender, region] }, design as fixture 7; respondents without gender are left out of the weighting")),
  metrics = list(
    sat_top2 = list(var = "sat_top2", kind = "proportion"),
    sat_mean = list(var = "sat_code", kind = "mean"),
    nps = list(var = "nps_score", kind = "mean"),
    use_daily_weekly = list(var = "use_daily_weekly", kind = "proportion"),
    score_mean = list(var = "score", kind = "mean")),
  quantiles = list(score_quantiles = list(var = "score", probs = c(0.25, 0.5, 0.75))),
  breakdowns = list(list(by = "use", metrics = c("sat_top2", "nps", "score_mean")))
))

out <- list(
  description = paste("Design-based reference values from R's survey package (not this project's code) for the",
                      "fixture folders tests/fixtures/design/<name>/ (data.csv + survey.yaml). Every value has a `call`",
                      "with the exact R call; `d` is the fixture's data.csv as read back (data.read_call) plus the",
                      "`derived` columns, the design objects are created by each design's `call` in order, and the",
                      "`setup` statements define helper objects (population totals). Proportions are svymean of a",
                      "0/1 indicator column; likert means use codes 1..k; NPS is svymean of 100/0/-100.",
                      "null = non-finite/NA. See the header of design_reference.R for survey's internals."),
  versions = list(R = R.version.string, survey = as.character(packageVersion("survey")),
                  jsonlite = as.character(packageVersion("jsonlite"))),
  options = list(survey.lonely.psu = "adjust unless a design says otherwise (R's default is fail)",
                 survey.adjust.domain.lonely = getOption("survey.adjust.domain.lonely"),
                 survey.ultimate.cluster = getOption("survey.ultimate.cluster")),
  fixtures = fixtures
)
# Doubles are written with the fewest significant digits (15 to 17) that read back to the identical
# double (jsonlite's digits = NA stops at 15), as verbatim JSON; NA/NaN/Inf as null.
fmt_num <- function(x) {
  if (!is.finite(x)) return("null")
  for (k in 15:17) { s <- sprintf(paste0("%.", k, "g"), x); if (as.numeric(s) == x) return(s) }
  s
}
prep <- function(x) {
  if (is.list(x)) { nm <- names(x); x <- lapply(x, prep); names(x) <- nm; return(x) }
  if (is.double(x)) {
    s <- vapply(as.numeric(x), fmt_num, "")
    if (length(s) == 1) return(structure(s, class = "json"))
    return(structure(paste0("[", paste(s, collapse = ","), "]"), class = "json"))
  }
  x
}
cat(toJSON(prep(out), auto_unbox = TRUE, pretty = TRUE, na = "null", null = "null", json_verbatim = TRUE), "\n")
