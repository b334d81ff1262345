# Reference values for fitBgCnbd / fitMbgCnbd from BTYDplus's own R code (GPL-3; run side by side, not
# translated). Usage, with BTYDplus fetched to $BTYDPLUS (github mplatzer/BTYDplus, a source tree) and R with
# data.table and Rcpp (Debian r-cran-data.table r-cran-rcpp):
#   Rscript scripts/reference/btydplus-cnbd.R $BTYDPLUS /work/shared/data/CDNOW_sample.txt /tmp/grocery-cbs.csv
# BTYDplus imports BTYD only for its plots and its parameter check, so the two files are sourced with a
# stand-in for BTYD::dc.check.model.params (positive finite parameters) instead of installing the package.
# Prints JSON: CDNOW (the 2,357-customer sample, 39 calibration weeks to 1997-09-30, BTYD's cdnowElog) and
# grocery (groceryElog, calibration to 2006-12-31) estimates, log-likelihoods by k, P(alive) and pmf values;
# writes the grocery calibration CBS (x, t.x, T.cal, litt) to the third argument for the optional test.
args <- commandArgs(trailingOnly = TRUE)
root <- args[1]
suppressMessages({ library(data.table); library(Rcpp) })
dc.check.model.params.safe <- function(printnames, params, func) {
  if (any(!is.finite(params)) || any(params <= 0)) stop(func, ": parameters must be positive and finite")
}
source(file.path(root, "R", "mbg-cnbd-k.R"))
helpers <- parse(file.path(root, "R", "helpers.R"))
for (e in helpers) {
  name <- if (is.call(e) && identical(e[[1]], as.name("<-"))) as.character(e[[2]]) else ""
  if (name %in% c("elog2cbs")) eval(e)
}
sourceCpp(file.path(root, "src", "slice-sampling.cpp"), embeddedR = FALSE)

lines <- read.table(args[2], colClasses = c("character", "integer", "character", "integer", "numeric"))
elog <- data.frame(cust = lines[[2]], date = as.Date(lines[[3]], "%Y%m%d"))
cdnow <- elog2cbs(elog, T.cal = "1997-09-30")
load(file.path(root, "data", "groceryElog.rda"))
grocery <- elog2cbs(groceryElog, T.cal = "2006-12-31")
write.csv(grocery[, c("x", "t.x", "T.cal", "litt")], args[3], row.names = FALSE)

fits <- function(cbs) {
  out <- list()
  for (variant in c("bg", "mbg")) {
    estimate <- if (variant == "bg") bgcnbd.EstimateParameters else mbgcnbd.EstimateParameters
    ll <- if (variant == "bg") bgcnbd.cbs.LL else mbgcnbd.cbs.LL
    byK <- lapply(1:4, function(k) {
      p <- estimate(cbs, k = k)
      list(k = k, params = unname(p), logLikelihood = ll(p, cbs))
    })
    chosen <- estimate(cbs)
    out[[variant]] <- list(byK = byK, chosen = unname(chosen), chosenLogLikelihood = ll(chosen, cbs))
  }
  out
}
params <- c(3, 0.85, 1.45, 0.79, 2.42)
values <- list(
  cdnow = list(customers = nrow(cdnow), sumX = sum(cdnow$x), sumLitt = sum(cdnow$litt), fits = fits(cdnow)),
  grocery = list(customers = nrow(grocery), sumX = sum(grocery$x), sumLitt = sum(grocery$litt), fits = fits(grocery)),
  # the point values of BTYDplus's tests at c(k, r, alpha, a, b) = c(3, 0.85, 1.45, 0.79, 2.42)
  palive = list(
    bg = bgcnbd.PAlive(params, c(0, 1, 3, 10), c(0, 16, 12, 30), c(32, 32, 14, 52)),
    mbg = mbgcnbd.PAlive(params, c(0, 1, 3, 10), c(0, 16, 12, 30), c(32, 32, 14, 52))),
  pmf = list(bg = unname(bgcnbd.pmf(params, 10, 0:6)), mbg = unname(mbgcnbd.pmf(params, 10, 0:6))),
  expectation = list(bg = unname(bgcnbd.Expectation(params, c(10, 52))), mbg = unname(mbgcnbd.Expectation(params, c(10, 52))))
)
cat(jsonlite_like <- paste0(capture.output(dput(values)), collapse = "\n"))
