#!/usr/bin/Rscript
# Independent reference values for WEIGHTED banner tables (tests/stats/tables/weighted-tables.test.ts),
# computed with R's `survey` package -- never with this project's code.
#
# Regenerate (from the repository root; Debian packages r-base-core r-cran-survey r-cran-jsonlite):
#     Rscript tests/reference/tables_reference.R > tests/reference/tables-weighted-reference.json
#
# Two tables, on the design fixtures' data (tests/fixtures/design/*/data.csv, written by design_reference.R):
# * apistrat: tests/fixtures/design/apistrat/survey-tables.yaml, table `schools`:
#     des <- svydesign(id = ~1, strata = ~stype, weights = ~pw, fpc = ~fpc, data = d)
#   banner stype (E, H, M) and awards (No, Yes); stubs sch.wide (options), api00 (mean, SD), the metric
#   awards_yes, and an NPS stub rec = min(10, max(0, round((api00 - 400) / 45))) (promoters, passives, detractors
#   and the NPS, the mean of the score 100 / 0 / -100; the script writes the data with it as data-tables.csv);
#   Holm; arrows.
# * nhanes: tests/fixtures/design/nhanes/survey-raked-tables.yaml, table `cholesterol`, the raked design
#     des0 <- svydesign(id = ~SDMVPSU, strata = ~SDMVSTRA, weights = ~WTMEC2YR, nest = TRUE, data = d)
#     des <- rake(des0, list(~RIAGENDR, ~race), list(popG, popR), control = list(maxit = 100, epsilon = 1e-10))
#   with population totals = shares * sum(weights(des0)); banner race and agecat; stubs HI_CHOL (745
#   empty) and agecat; Bonferroni; arrows.
#
# For each stub variable y (an option's indicator, or the value) and column (Total, then each banner
# level), over the respondents in the column who answered the stub, sub <- subset(des, <column> & !is.na(y)):
#   value        coef(svymean(~y, sub, na.rm = TRUE)) (a raked design keeps every row in a subset, with weight 0)
#   sd           sqrt(coef(svyvar(~y, sub, na.rm = TRUE)))
#   weighted base sum(weights(sub)), effective base sum(w)^2 / sum(w^2)
#   row %        sum(weights(sub) * sub$variables$y) / the same for the Total column
# Letters, for each pair (a, b) of columns of a single-choice group with a base of at least 5:
#   fit <- svyglm(y ~ g, design = subset(des, g %in% c(a, b) & !is.na(y)))  with g a factor, a its first level
#   t = -coef(summary(fit))[2, "t value"] (a minus b), p = coef(summary(fit))[2, "Pr(>|t|)"] (a difference
#   with no variance, e.g. 0% against 100%, has t = ±Inf and p = 0: significant);
#   p.adjust(p of the group's row, method = "holm" | "bonferroni"); significant when < 0.05; the higher
#   column gets the lower's letter.
# Arrows: fit <- svyglm(y ~ inside, design = subset(des, !is.na(y))) with inside = in the column;
#   p adjusted over the group's columns.
suppressPackageStartupMessages({ library(survey); library(jsonlite) })
options(survey.lonely.psu = "adjust")

letter_of <- function(k) {
  out <- ""; n <- k + 1
  while (n > 0) { out <- paste0(LETTERS[(n - 1) %% 26 + 1], out); n <- (n - 1) %/% 26 }
  out
}

# columns: list(list(label, mask)); groups: list(list(indices, compared)); stubs: list(list(id, rows, answered))
# with rows list(list(type, label, y (numeric vector, NA where not answered))).
bannerTable <- function(des, d, columns, groups, stubs, adjust) {
  letters <- c(NA, vapply(seq_len(length(columns) - 1) - 1, letter_of, ""))
  blocks <- lapply(stubs, function(stub) {
    answered <- stub$answered
    base <- vapply(columns, function(col) sum(answered & col$mask), 0)
    live <- base >= 5
    subOf <- function(mask) subset(des, mask & answered)
    bases <- lapply(seq_along(columns), function(c) {
      w <- weights(subOf(columns[[c]]$mask)); w <- w[w > 0]
      c(total = sum(w), effective = sum(w)^2 / sum(w^2))
    })
    rows <- lapply(stub$rows, function(row) {
      des$variables$y <- row$y
      d_sub <- function(mask) { s <- subset(des, mask & answered); s }
      values <- vapply(seq_along(columns), function(c) {
        if (!live[c]) return(NA_real_)
        s <- d_sub(columns[[c]]$mask)
        if (row$type == "sd") sqrt(as.numeric(coef(svyvar(~y, s, na.rm = TRUE)))) else as.numeric(coef(svymean(~y, s, na.rm = TRUE)))
      }, 0)
      weighted_y <- function(mask) { s <- d_sub(mask); sum(weights(s) * ifelse(is.na(s$variables$y), 0, s$variables$y)) }
      total_y <- weighted_y(columns[[1]]$mask)
      rowShares <- vapply(seq_along(columns), function(c) if (!live[c]) NA_real_ else weighted_y(columns[[c]]$mask) / total_y, 0)
      lett <- rep("", length(columns)); arrows <- rep(NA_character_, length(columns))
      if (row$type != "sd") {
        for (group in groups) {
          cols <- group$indices[live[group$indices]]
          if (group$compared && length(cols) > 1) {
            pairs <- t(combn(cols, 2)); stat <- c(); p <- c(); keep <- c()
            for (k in seq_len(nrow(pairs))) {
              a <- pairs[k, 1]; b <- pairs[k, 2]
              des$variables$g <- factor(ifelse(columns[[a]]$mask, "a", ifelse(columns[[b]]$mask, "b", NA)), levels = c("a", "b"))
              s <- subset(des, !is.na(g) & answered)
              fit <- svyglm(y ~ g, design = s)
              cf <- coef(summary(fit))
              if (nrow(cf) < 2 || !is.finite(cf[2, 4])) next
              stat <- c(stat, -cf[2, 3]); p <- c(p, cf[2, 4]); keep <- c(keep, k)
            }
            if (length(p) > 0) {
              adj <- p.adjust(p, method = adjust)
              for (j in seq_along(keep)) if (adj[j] < 0.05 && stat[j] != 0) {
                a <- pairs[keep[j], 1]; b <- pairs[keep[j], 2]
                high <- if (stat[j] > 0) a else b; low <- if (stat[j] > 0) b else a
                lett[high] <- paste0(lett[high], letters[low])
              }
            }
          }
          stat <- c(); p <- c(); keep <- c()
          for (c in cols) {
            des$variables$inside <- columns[[c]]$mask
            fit <- svyglm(y ~ inside, design = subset(des, answered))
            cf <- coef(summary(fit))
            if (nrow(cf) < 2 || !is.finite(cf[2, 4])) next
            stat <- c(stat, cf[2, 3]); p <- c(p, cf[2, 4]); keep <- c(keep, c)
          }
          if (length(p) > 0) {
            adj <- p.adjust(p, method = adjust)
            for (j in seq_along(keep)) if (adj[j] < 0.05 && stat[j] != 0) arrows[keep[j]] <- if (stat[j] > 0) "up" else "down"
          }
        }
      }
      lett <- vapply(lett, function(x) paste(sort(strsplit(x, "")[[1]]), collapse = ""), "", USE.NAMES = FALSE)
      list(type = row$type, label = row$label, values = values, letters = lett, rowShares = rowShares, arrows = arrows)
    })
    list(stub = stub$id, base = base, weightedBase = vapply(bases, function(b) b[["total"]], 0),
         effectiveBase = vapply(bases, function(b) b[["effective"]], 0), rows = rows)
  })
  list(letters = letters, blocks = blocks)
}

share_rows <- function(x, options) lapply(options, function(o) list(type = "option", label = o, y = ifelse(is.na(x), NA, as.numeric(x == o))))
value_rows <- function(v) list(list(type = "mean", label = NA, y = v), list(type = "sd", label = NA, y = v))
level_columns <- function(x, options) lapply(options, function(o) list(label = o, mask = !is.na(x) & x == o))

# ---- apistrat ----------------------------------------------------------------------------------------
d <- read.csv("tests/fixtures/design/apistrat/data.csv", stringsAsFactors = FALSE)
# A 0-10 score for an NPS stub, made from api00 and written beside the data for the codebook to read.
d$rec <- pmin(10, pmax(0, round((d$api00 - 400) / 45)))
write.csv(d, "tests/fixtures/design/apistrat/data-tables.csv", row.names = FALSE, na = "")
d <- read.csv("tests/fixtures/design/apistrat/data-tables.csv", stringsAsFactors = FALSE)
des <- svydesign(id = ~1, strata = ~stype, weights = ~pw, fpc = ~fpc, data = d)
all <- rep(TRUE, nrow(d))
columns <- c(list(list(label = "Total", mask = all)), level_columns(d$stype, c("E", "H", "M")), level_columns(d$awards, c("No", "Yes")))
groups <- list(list(indices = 2:4, compared = TRUE), list(indices = 5:6, compared = TRUE))
stubs <- list(
  list(id = "sch_wide", rows = share_rows(d$sch.wide, c("No", "Yes")), answered = !is.na(d$sch.wide)),
  list(id = "api00", rows = value_rows(as.numeric(d$api00)), answered = !is.na(d$api00)),
  list(id = "awards_yes", rows = list(list(type = "metric", label = "awards_yes", y = as.numeric(d$awards == "Yes"))), answered = !is.na(d$awards)),
  list(id = "rec", rows = list(
    list(type = "promoters", label = NA, y = as.numeric(d$rec >= 9)),
    list(type = "passives", label = NA, y = as.numeric(d$rec >= 7 & d$rec <= 8)),
    list(type = "detractors", label = NA, y = as.numeric(d$rec <= 6)),
    list(type = "nps", label = NA, y = ifelse(d$rec >= 9, 100, ifelse(d$rec <= 6, -100, 0)))), answered = !is.na(d$rec)))
apistrat <- bannerTable(des, d, columns, groups, stubs, "holm")

# ---- nhanes, raked -----------------------------------------------------------------------------------
n <- read.csv("tests/fixtures/design/nhanes/data.csv", stringsAsFactors = FALSE)
des0 <- svydesign(id = ~SDMVPSU, strata = ~SDMVSTRA, weights = ~WTMEC2YR, nest = TRUE, data = n)
popG <- data.frame(RIAGENDR = c(1, 2), Freq = c(0.49, 0.51) * sum(weights(des0)))
popR <- data.frame(race = c(1, 2, 3, 4), Freq = c(0.18, 0.62, 0.12, 0.08) * sum(weights(des0)))
raked <- rake(des0, list(~RIAGENDR, ~race), list(popG, popR), control = list(maxit = 100, epsilon = 1e-10))
ages <- c("(0,19]", "(19,39]", "(39,59]", "(59,Inf]")
columns <- c(list(list(label = "Total", mask = rep(TRUE, nrow(n)))), level_columns(as.character(n$race), c("1", "2", "3", "4")), level_columns(n$agecat, ages))
groups <- list(list(indices = 2:5, compared = TRUE), list(indices = 6:9, compared = TRUE))
stubs <- list(
  list(id = "HI_CHOL", rows = share_rows(as.character(n$HI_CHOL), c("0", "1")), answered = !is.na(n$HI_CHOL)),
  list(id = "agecat", rows = share_rows(n$agecat, ages), answered = !is.na(n$agecat) & n$agecat != ""))
nhanes <- bannerTable(raked, n, columns, groups, stubs, "bonferroni")

cat(toJSON(list(apistrat = apistrat, nhanes = nhanes,
                versions = list(R = R.version.string, survey = as.character(packageVersion("survey")))),
           auto_unbox = TRUE, digits = NA, na = "null", null = "null", pretty = TRUE))
cat("\n")
